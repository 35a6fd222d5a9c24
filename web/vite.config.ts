// Vite builds the console into dist/, which the Go package web embeds.
// The output must be the same bytes on every build (CI rebuilds and
// compares), so nothing here may depend on time or the machine.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Element Plus components and their CSS are imported where a template
    // uses them, so each lazy page carries only what it shows.
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: false,
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The Content-Security-Policy allows no inline script; the polyfill
    // would be one more thing to keep out of index.html.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:8080', ws: true },
      '/t/': 'http://127.0.0.1:8080',
      '/reports/': 'http://127.0.0.1:8080',
    },
  },
})
