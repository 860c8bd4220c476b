/**
 * `npm run bench` (part): what sealing a report for the intake queue adds to a submit, and what
 * opening it adds to the router: the intake key's envelope (a KMS GenerateDataKey or Decrypt, and
 * AES-256-GCM over the message) for a report at the largest size the API takes. Against the local
 * KMS emulator over HTTP on this machine, so the KMS round trip here is a loopback one: in AWS it
 * is a call to KMS in the region, which this does not measure. Medians over many runs; a figure
 * to read, not a test.
 */
import { INTAKE_DATA_KEY_REUSE } from '../functions/adapters/composition-root.ts';
import { KmsOriginalsVault } from '../functions/adapters/originals-vault.ts';
import { openIntakeMessage, sealIntakeMessage } from '../functions/adapters/sealed-intake.ts';
import { intakeMessage } from '../functions/domain/intake.ts';
import { newReference } from '../functions/domain/reference.ts';
import { NARRATIVE_MAX, reportSubmissionSchema } from '../functions/domain/report.ts';
import { localKmsClient, LOCAL_REGION } from '../local/emulators.ts';
import { startKmsEmulator } from '../local/kms-emulator.ts';
import { percentile, timeRuns } from './bench-figures.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);

const kms = await startKmsEmulator({ region: LOCAL_REGION });
try {
  const { arn } = kms.createKey('intake');
  // As the functions seal (a data key reused for a while) and as the originals are sealed (one each).
  const seal = new KmsOriginalsVault(localKmsClient(kms.endpoint), arn, 'intake-message', INTAKE_DATA_KEY_REUSE);
  const sealEach = new KmsOriginalsVault(localKmsClient(kms.endpoint), arn, 'report-original');
  const report = reportSubmissionSchema.parse({ categories: ['bribery', 'abuse_of_position'], narrative: 'x'.repeat(NARRATIVE_MAX), reporter: { mode: 'anonymous' } });
  const message = intakeMessage(newReference(), 'online', report, new Date());
  const body = await sealIntakeMessage(seal, message);
  for (let i = 0; i < 20; i++) await openIntakeMessage(seal, await sealIntakeMessage(seal, message));

  const time = (step: () => Promise<unknown>) => timeRuns(RUNS, step);
  const rows = {
    'seal, data key reused (submit adds)': await time(() => sealIntakeMessage(seal, message)),
    'open, data key reused (router adds)': await time(() => openIntakeMessage(seal, body)),
    'seal with a data key of its own (one KMS call)': await time(() => sealIntakeMessage(sealEach, message)),
    'JSON only (before)': await time(async () => JSON.stringify(message)),
  };
  console.log(`\nIntake sealing: a ${JSON.stringify(message).length.toLocaleString('en-GB')}-character message, ${RUNS} runs each, local KMS emulator\n`);
  console.log('| step | median ms | p95 ms |');
  console.log('|---|---|---|');
  for (const [name, times] of Object.entries(rows)) console.log(`| ${name} | ${percentile(times, 0.5).toFixed(2)} | ${percentile(times, 0.95).toFixed(2)} |`);
} finally {
  await kms.stop();
}
