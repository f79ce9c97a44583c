// The places outside the workspace that hold the machine's secrets, which a sandboxed run must not
// read although it sees the rest of the system read-only (a test framework needs the programs,
// libraries and configuration in /usr, /lib, /etc, /opt): whole folders it sees empty, single files it
// sees blank, and the few files a run needs that may live inside a hidden folder, shown again.
// Home folders (/root, /home, the person's own) and socket folders (/run) are hidden besides these.
import { readdir, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * Seen empty. /var is the machine's variable data (databases, docker and cloud-init state with
 * instance credentials, logs, mail, spool, caches such as debconf's passwords, backups of
 * /etc/shadow, web roots); no toolchain runs from it. /srv, /mnt and /media hold data and mounted
 * disks. The /etc folders hold private keys and the credentials of daemons, VPNs and networks.
 */
export const HIDDEN_HOST_FOLDERS: readonly string[] = [
  '/var',
  '/srv',
  '/mnt',
  '/media',
  '/lost+found',
  '/etc/ssl/private',
  '/etc/pki/tls/private',
  '/etc/letsencrypt',
  '/etc/docker',
  '/etc/containers/auth.d',
  '/etc/kubernetes',
  '/etc/rancher',
  '/etc/wireguard',
  '/etc/openvpn',
  '/etc/ipsec.d/private',
  '/etc/NetworkManager/system-connections',
  '/etc/netplan',
  '/etc/cloud',
  '/etc/apt/auth.conf.d',
  '/etc/sudoers.d',
];

/** Seen as empty files: password hashes, host keys, daemon and registry credentials. */
export const BLANKED_HOST_FILES: readonly string[] = [
  '/etc/shadow',
  '/etc/shadow-',
  '/etc/gshadow',
  '/etc/gshadow-',
  '/etc/security/opasswd',
  '/etc/sudoers',
  '/etc/krb5.keytab',
  '/etc/ipsec.secrets',
  '/etc/ppp/chap-secrets',
  '/etc/ppp/pap-secrets',
  '/etc/rsyncd.secrets',
  '/etc/ldap.secret',
  '/etc/libnss-ldap.secret',
  '/etc/pam_ldap.secret',
  '/etc/mysql/debian.cnf',
  '/etc/apt/auth.conf',
  '/etc/npmrc',
  '/usr/local/etc/npmrc',
  '/etc/pip.conf',
  '/etc/containers/auth.json',
];

/** The private halves of the SSH host keys: every file there named ssh_host_*_key. */
const SSH_HOST_KEYS = { folder: '/etc/ssh', name: /^ssh_host_.*_key$/ };

/**
 * Files a run needs that may be links into a hidden folder: the resolver configuration (into /run
 * under systemd-resolved), the CA certificates TLS clients trust (into /var/lib on openSUSE).
 */
export const NEEDED_FILES: readonly string[] = ['/etc/resolv.conf', '/etc/ssl/certs', '/etc/ssl/cert.pem', '/etc/ssl/ca-bundle.pem', '/etc/pki/tls/certs', '/etc/pki/ca-trust/extracted', '/etc/ca-certificates', '/etc/localtime', '/etc/machine-id'];

export interface HostSecrets {
  /** Real paths of the hidden folders that exist here, each once. */
  readonly folders: string[];
  /** Real paths of the files to blank that exist here (and do not lie in a hidden folder). */
  readonly files: string[];
}

export async function hostSecrets(): Promise<HostSecrets> {
  const folders = await existing(HIDDEN_HOST_FOLDERS);
  const hostKeys = await readdir(SSH_HOST_KEYS.folder).then(
    (names) => names.filter((name) => SSH_HOST_KEYS.name.test(name)).map((name) => join(SSH_HOST_KEYS.folder, name)),
    () => [],
  );
  const files = (await existing([...BLANKED_HOST_FILES, ...hostKeys])).filter((file) => !folders.some((folder) => file.startsWith(folder + sep)));
  return { folders: folders.filter((folder) => !folders.some((other) => folder.startsWith(other + sep))), files };
}

async function existing(paths: readonly string[]): Promise<string[]> {
  const real = await Promise.all(paths.map((path) => realpath(path).catch(() => undefined)));
  return [...new Set(real.filter((path): path is string => path !== undefined && path !== '/'))];
}
