// electron-builder afterPack hook: flips Electron's fuses in the packaged
// binary (ARCHITECTURE §3.5). Playwright's _electron needs the inspect flags,
// so e2e runs the unpackaged out/ build, never a package.
// @electron/fuses 2 is ESM-only, hence the dynamic import.
const path = require('node:path');

/** The fuses we set; asar integrity is only enforced on macOS and Windows. */
function fuseSettings(platform, FuseV1Options, FuseVersion) {
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    ...(platform === 'darwin' || platform === 'win32' ? { [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true } : {}),
    // Left on: the renderer is loaded from file:// as ES modules.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
  };
}

function electronBinary(context) {
  const platform = context.electronPlatformName;
  const name = context.packager.appInfo.productFilename;
  if (platform === 'darwin' || platform === 'mas') return path.join(context.appOutDir, `${name}.app`);
  if (platform === 'win32') return path.join(context.appOutDir, `${name}.exe`);
  return path.join(context.appOutDir, context.packager.executableName);
}

async function afterPack(context) {
  const { flipFuses, FuseV1Options, FuseVersion } = await import('@electron/fuses');
  const platform = context.electronPlatformName;
  await flipFuses(electronBinary(context), {
    ...fuseSettings(platform, FuseV1Options, FuseVersion),
    // Apple silicon refuses a binary whose ad-hoc signature no longer matches.
    resetAdHocDarwinSignature: platform === 'darwin' && context.arch === 3 /* Arch.arm64 */,
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseSettings = fuseSettings;
module.exports.electronBinary = electronBinary;
