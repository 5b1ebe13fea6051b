import { layerwiseTestConfig } from '../../vitest.shared';

export default layerwiseTestConfig();
