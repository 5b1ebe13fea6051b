import { layerwiseConfig } from '../../tsup.base';

export default layerwiseConfig({ entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' } });
