import { loadConfig } from './config.ts';
import { startGateway } from './server.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const gateway = await startGateway(config);
  // Signals are handled before the URL is printed: whoever waits for that line may stop the gateway at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping, flushing pending writes`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  console.log(`ketai-token gateway listening on ${gateway.url}`);
  console.log(`  bank portal: ${gateway.url}/            (taro / Passw0rd!, 確認用 kakunin1)`);
  console.log(`  emulator:    ${gateway.url}/emulator/${config.emulatorOrigins.length ? `  (may also open ${config.emulatorOrigins.join(', ')})` : ''}`);
  console.log(`  mailbox:     ${gateway.url}/emulator/api/mailbox/<address>${config.smtpUrl ? '  (off: mail goes out by SMTP)' : ''}`);
  console.log(`  health:      ${gateway.url}/healthz`);
  console.log(`  data:        ${config.dataDir}`);
}

main().catch((error: unknown) => {
  console.error(`ketai-token cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
