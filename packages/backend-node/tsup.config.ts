import { layerwiseConfig } from '../../tsup.base';

export default layerwiseConfig();
