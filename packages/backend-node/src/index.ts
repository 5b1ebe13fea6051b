export { registerNodeBackend, type NodeBackendOptions } from './register.js';
export { probeNodeBackend, fallback, type NodeBackendReport, type ModuleLoader } from './probe.js';
export { nodeBackendProvider } from './provider.js';
