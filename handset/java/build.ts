import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, JAR_FILES, JAVA_ROOT, type JavaTarget } from './dist.ts';
import { APP_NAME, APP_VENDOR, APP_VERSION, CLDC_CONFIGURATION, DOJA_CLASS, MIDLET_CLASS, MIDP_PROFILE, PACKAGE_DATE } from './package.ts';
import { writeZip, type ZipEntry } from './zip-write.ts';

const TARGETS: Record<JavaTarget, { sources: string; stubs: string; keep: string }> = {
  doja: { sources: 'src/doja', stubs: 'stubs/doja', keep: `-keep public class ${DOJA_CLASS}` },
  midp: { sources: 'src/midp', stubs: 'stubs/midp', keep: `-keep public class ${MIDLET_CLASS}` },
};

/** Debian's ProGuard 6.2 (`apt-get install proguard`), or the proguard.jar PROGUARD_JAR names. */
function proguardJar(): string {
  return process.env.PROGUARD_JAR || '/usr/share/java/proguard.jar';
}

/** Why the JARs cannot be built here (no JDK or ProGuard), or null. */
export function missingJavaTools(): string | null {
  try {
    execFileSync('sh', ['-c', 'command -v javac'], { stdio: 'ignore' });
  } catch {
    return 'javac not found (JDK 17 and Debian\'s proguard 6.2 build the Java token app)';
  }
  if (!existsSync(proguardJar())) return `no ProGuard at ${proguardJar()} (Debian's proguard 6.2, or PROGUARD_JAR=<its proguard.jar>)`;
  return null;
}

function javaFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.java'))
    .map((name) => join(dir, name))
    .sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split('\\').join('/'))
    .sort();
}

/** One step for handset/java/tools/BuildSteps.java: a tool and its arguments. */
type Step = [tool: 'javac' | 'proguard', ...args: string[]];

/**
 * javac against the CLDC / DoJa / MIDP stubs (so only handset APIs compile), then ProGuard shrinks,
 * obfuscates, lowers the class files to Java 1.3 and preverifies them for CLDC (`-microedition`).
 * Returns the steps; the ProGuard output folder is `<work>/out/<target>`.
 */
function compileSteps(work: string, target: JavaTarget, withCldc: boolean): Step[] {
  const javac = (out: string, bootclasspath: string, classpath: string, files: string[]): Step => {
    mkdirSync(out, { recursive: true });
    return ['javac', '-source', '8', '-target', '8', '-Xlint:-options', '-g:none', '-encoding', 'UTF-8', '-bootclasspath', bootclasspath, ...(classpath ? ['-classpath', classpath] : []), '-d', out, ...files];
  };
  const cldc = join(work, 'lib/cldc');
  const api = join(work, 'lib', target);
  const classes = join(work, 'classes', target);
  const config = join(work, `${target}.pro`);
  writeFileSync(
    config,
    [
      `-injars ${classes}`,
      `-outjars ${join(work, 'out', target)}`,
      `-libraryjars ${cldc}`,
      `-libraryjars ${api}`,
      '-microedition',
      '-target 1.3',
      TARGETS[target].keep,
      "-repackageclasses ''",
      '-allowaccessmodification',
      '-overloadaggressively',
      '-optimizationpasses 3',
      '-dontusemixedcaseclassnames',
      '',
    ].join('\n'),
  );
  return [
    ...(withCldc ? [javac(cldc, cldc, '', javaFiles(join(JAVA_ROOT, 'stubs/cldc')))] : []),
    javac(api, cldc, '', javaFiles(join(JAVA_ROOT, TARGETS[target].stubs))),
    javac(classes, cldc, api, [...javaFiles(join(JAVA_ROOT, 'src/core')), ...javaFiles(join(JAVA_ROOT, TARGETS[target].sources))]),
    ['proguard', `@${config}`],
  ];
}

/** Runs every step in one JVM: javac and ProGuard each in a JVM of their own would start and warm up six times. */
function runSteps(work: string, steps: Step[]): void {
  const plan = join(work, 'steps.txt');
  writeFileSync(plan, steps.map((step) => `${step.join('\n')}\n\n`).join(''));
  execFileSync('java', ['-cp', proguardJar(), join(JAVA_ROOT, 'tools/BuildSteps.java'), plan], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** MIDP manifest: the MIDlet attributes a JAD must repeat (72-byte lines are far off here). */
function manifest(): Uint8Array {
  const lines = [
    'Manifest-Version: 1.0',
    `MIDlet-Name: ${APP_NAME}`,
    `MIDlet-Version: ${APP_VERSION}`,
    `MIDlet-Vendor: ${APP_VENDOR}`,
    `MIDlet-1: ${APP_NAME},,${MIDLET_CLASS}`,
    `MicroEdition-Profile: ${MIDP_PROFILE}`,
    `MicroEdition-Configuration: ${CLDC_CONFIGURATION}`,
  ];
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n\r\n`);
}

/** Builds both JARs into `outDir` (default: the committed `dist/`) and returns their paths. */
export function buildJavaPackages(outDir = DIST): Record<JavaTarget, string> {
  const work = mkdtempSync(join(tmpdir(), 'ketai-java-'));
  try {
    mkdirSync(outDir, { recursive: true });
    const targets = Object.keys(TARGETS) as JavaTarget[];
    runSteps(work, targets.flatMap((target, index) => compileSteps(work, target, index === 0)));
    const result = {} as Record<JavaTarget, string>;
    for (const target of targets) {
      const out = join(work, 'out', target);
      const entries: ZipEntry[] = filesUnder(out).map((name) => ({ name, data: readFileSync(join(out, name)) }));
      if (target === 'midp') entries.unshift({ name: 'META-INF/MANIFEST.MF', data: manifest() });
      const path = join(outDir, JAR_FILES[target]);
      writeFileSync(path, writeZip(entries, new Date(PACKAGE_DATE)));
      result[target] = path;
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const missing = missingJavaTools();
  if (missing) {
    console.error(`build:java: ${missing}`);
    process.exit(1);
  }
  for (const [target, path] of Object.entries(buildJavaPackages())) {
    console.log(`${target}: ${relative(process.cwd(), path)} ${statSync(path).size} bytes`);
  }
}
