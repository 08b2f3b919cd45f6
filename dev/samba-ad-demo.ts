import { createAdUser } from './ad-users';
import { demoUsers } from './demo-users';
import { type SambaAd, startSambaAd } from './samba-ad';

/**
 * The demo's directory when SSPR_DIRECTORY_KIND=ad: a Samba AD domain controller in the data
 * folder, seeded with the demo users when it is first provisioned (kept after that, like the
 * slapd's), and the settings that point the service at it.
 */
export async function startDemoActiveDirectory(
  dataDir: string,
): Promise<{ ad: SambaAd; env: Record<string, string> }> {
  const ad = await startSambaAd({ dataDir });
  try {
    if (ad.provisioned) {
      for (const { uid, givenName, sn, mail, password, admin } of demoUsers) {
        await createAdUser(ad, { uid, givenName, sn, mail, password, admin });
      }
    }
  } catch (error) {
    await ad.stop();
    throw error;
  }
  return {
    ad,
    env: {
      SSPR_LDAP_URL: ad.url,
      SSPR_LDAP_CA_FILE: ad.caFile,
      SSPR_LDAP_BIND_DN: ad.serviceDn,
      SSPR_LDAP_BIND_PASSWORD: ad.servicePassword,
      SSPR_LDAP_USER_BASE: ad.usersDn,
    },
  };
}
