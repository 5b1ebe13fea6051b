export { registerNodeBackend, type NodeBackendOptions } from './register.js';
export { probeNodeBackend, fallback, type NodeBackendReport, type ModuleLoader } from './probe.js';
