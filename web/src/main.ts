import { createApp } from 'vue'
import urql from '@urql/vue'
import 'element-plus/theme-chalk/base.css'
import './style.css'
import App from './App.vue'
import { client } from './client'
import { router } from './router'

createApp(App).use(router).use(urql, client).mount('#app')
