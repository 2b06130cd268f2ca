import 'kyc-upload/define';
import { createApp } from 'vue';
import IdentityStep from './IdentityStep.vue';

createApp(IdentityStep).mount('#app');
