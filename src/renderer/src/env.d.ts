/// <reference types="svelte" />
/// <reference types="../../preload/index.d.ts" />
