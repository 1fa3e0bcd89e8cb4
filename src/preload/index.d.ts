import type { FollowthroughApi } from '../shared/contract';

declare global {
  interface Window {
    followthrough: FollowthroughApi;
  }
}
