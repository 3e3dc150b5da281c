import { writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RecordingError, scenarioSource, type Recording } from './recording.ts';

const SCENARIO_API = fileURLToPath(new URL('./driver/scenario.ts', import.meta.url));

/**
 * Writes `<dir>/<name>.ts`, never over an existing file. The file imports the scenario API relative to
 * where it lands, so any SCENARIOS_DIR works. Returns the path written.
 */
export async function writeScenarioFile(dir: string, recording: Recording): Promise<string> {
  const importFrom = relative(dir, SCENARIO_API).split(sep).join('/');
  const file = join(dir, `${recording.name}.ts`);
  try {
    await writeFile(file, scenarioSource(recording, importFrom.startsWith('.') ? importFrom : `./${importFrom}`), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new RecordingError(`シナリオ「${recording.name}」は既にあります。別の名前にしてください。`, 409);
    if (code === 'ENOENT') throw new RecordingError(`保存先 ${dir} がありません。`, 404);
    throw error;
  }
  return file;
}
