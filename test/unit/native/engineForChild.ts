// Re-exports the engine door for child processes spawned by tests (for example one that drops
// privileges before opening files). Not a test itself.
export { openMappedFile, setAddonPath } from '../../../extension/engine';
