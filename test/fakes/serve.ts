import { startFakeCompaniesHouse } from './companies-house';
import { startFakeHmrc } from './hmrc';
import { FAKE_CH_API_KEY, FAKE_HMRC_CLIENT, SEED_COMPANIES } from './registry-data';

/**
 * Runs both fake registries until interrupted, for `make dev` against local stand-ins:
 *   npx tsx test/fakes/serve.ts [--ch-port N] [--hmrc-port N]
 * and prints the settings that point the app at them.
 */
async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : 0;
  };
  const ch = await startFakeCompaniesHouse({}, arg('--ch-port'));
  const hmrc = await startFakeHmrc({}, arg('--hmrc-port'));
  console.log(`COMPANIES_HOUSE_API_URL=${ch.url}`);
  console.log(`COMPANIES_HOUSE_API_KEY=${FAKE_CH_API_KEY}`);
  console.log(`HMRC_API_URL=${hmrc.url}`);
  console.log(`HMRC_CLIENT_ID=${FAKE_HMRC_CLIENT.id}`);
  console.log(`HMRC_CLIENT_SECRET=${FAKE_HMRC_CLIENT.secret}`);
  console.log('# seeded companies:');
  for (const s of SEED_COMPANIES) {
    console.log(
      `#   ${s.profile.company_number}  ${s.profile.company_status}${s.profile.company_status_detail ? ` (${s.profile.company_status_detail})` : ''}  ${s.profile.company_name}  VAT ${s.vat ? s.company.vat_number : 'none'}`,
    );
  }
  const stop = async () => {
    await Promise.all([ch.close(), hmrc.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
