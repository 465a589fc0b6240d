// Builds the web app to static files in dist/ (served by `scv web`).
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 4000 }
});
