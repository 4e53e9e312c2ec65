// Preloaded (--import) into servers started with --cpu-prof: SIGUSR2 exits normally so Node writes the
// profile (Nest's shutdown hooks re-raise SIGTERM, which would skip it).
process.on('SIGUSR2', () => process.exit(0));
