/** Per-project test timeout (Jest's testTimeout is not a project option). */
jest.setTimeout(300_000);
