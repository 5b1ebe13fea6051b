import { layerwiseTestConfig } from '../../vitest.shared.ts';

export default layerwiseTestConfig();
