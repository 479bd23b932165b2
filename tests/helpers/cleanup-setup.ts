// A setup file of every vitest project: what the helpers opened is closed after each test, and
// what a file's last hooks opened after its last test.
import { afterAll, afterEach } from 'vitest';
import { cleanUpAfterTest } from './cleanup';

afterEach(cleanUpAfterTest);
afterAll(cleanUpAfterTest);
