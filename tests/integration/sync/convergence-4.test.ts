// Property-based sync convergence, shard 4 of 4 (tests/helpers/convergence-property.ts).
import { convergenceShard } from '../../helpers/convergence-property';

convergenceShard(3);
