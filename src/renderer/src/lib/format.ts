// The home view, its banners, its rows and the sidebar still import from here while they are
// rewritten; they move to './pure/format' with that rewrite, and this file goes.
export * from './pure/format';
