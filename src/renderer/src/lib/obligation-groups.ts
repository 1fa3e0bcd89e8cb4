// The home view, its banners, its rows and the sidebar still import from here while they are
// rewritten; they move to './pure/obligation-groups' with that rewrite, and this file goes.
export * from './pure/obligation-groups';
