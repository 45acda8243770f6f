// Installs what `npm start` and `npm test` need, so both work on a fresh clone.
// Plain JavaScript on purpose: it runs before node_modules (and so tsx) exists.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (message) => process.stdout.write(`[setup] ${message}\n`);

// DynamoDB Local comes from the npm registry inside amplify-dynamodb-simulator; only emulator/ is kept.
const SIMULATOR = 'amplify-dynamodb-simulator@2.9.30';
const SHIPPED_SHA256 = '55b425a9a42cfc728436eaf0e4ae64d688b64d177c99c4f4c4d7e3dbb3ac6c09';
const JAR_SHA256 = '454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7';
export const DYNAMODB_LOCAL_DIR = join(root, '.cache', 'dynamodb-local');

function installNodePackages() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing node packages (npm ci)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

function installDynamoDbLocal() {
  const jar = join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal.jar');
  if (existsSync(jar) && sha256(jar) === JAR_SHA256) return;
  log(`fetching DynamoDB Local from ${SIMULATOR} (npm pack; the registry's integrity hash is checked)`);
  const work = join(root, '.cache', 'dynamodb-local.tmp');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tarball = execFileSync('npm', ['pack', SIMULATOR, '--silent'], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', tarball, 'package/emulator'], { cwd: work });
  const emulator = join(work, 'package', 'emulator');
  const shipped = readFileSync(join(emulator, 'sha256'), 'utf8').trim();
  if (shipped !== SHIPPED_SHA256) throw new Error(`unexpected emulator/sha256 in ${SIMULATOR}: ${shipped}`);
  const actual = sha256(join(emulator, 'DynamoDBLocal.jar'));
  if (actual !== JAR_SHA256) throw new Error(`DynamoDBLocal.jar checksum mismatch: ${actual}`);
  rmSync(DYNAMODB_LOCAL_DIR, { recursive: true, force: true });
  renameSync(emulator, DYNAMODB_LOCAL_DIR);
  rmSync(work, { recursive: true, force: true });
  log(`DynamoDB Local ready in ${DYNAMODB_LOCAL_DIR}`);
}

// DynamoDB Local runs through a small launcher (infra/local/LoopbackDynamoDb.java) that binds it to
// 127.0.0.1; it is compiled on first use with the jdk.compiler module, which Debian's JRE includes.
function checkJava() {
  let modules;
  try {
    modules = execFileSync('java', ['--list-modules'], { encoding: 'utf8' });
  } catch {
    throw new Error('Java 17+ is needed for DynamoDB Local: apt-get install -y openjdk-17-jre-headless');
  }
  if (!modules.includes('jdk.compiler@')) throw new Error('This Java lacks the jdk.compiler module DynamoDB Local\'s launcher is compiled with: install a JDK, or apt-get install -y openjdk-17-jre-headless');
}

// Browser tests and the PNG/PDF posters drive Debian's Chromium; it cannot come from npm.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function checkChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error('Chromium is missing: run "apt-get install -y chromium fonts-noto-cjk" (or set CHROMIUM_PATH)');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    installNodePackages();
    checkJava();
    installDynamoDbLocal();
    if (process.argv.includes('--for-tests')) checkChromium();
  } catch (error) {
    process.stderr.write(`[setup] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
