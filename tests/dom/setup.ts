// Testing Library waits 1 s by default for findBy/waitFor. These tests render over the real main
// process (a SQLite file with the demo project): on a busy 2-core CI machine running other test
// files at once, the first reads have taken longer than that. A hang still fails; a slow moment
// does not.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 15_000 });
