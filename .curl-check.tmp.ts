import { startOidcIssuer } from '/work/main/local/oidc-issuer.ts';
import { execFileSync } from 'node:child_process';
const i = await startOidcIssuer();
console.log(i.issuer);
console.log(execFileSync('curl', ['-s', '-X', 'POST', i.tokenEndpoint, '-d', 'grant_type=password&username=alice&group=analysts']).toString().slice(0, 80) + '...');
console.log(execFileSync('curl', ['-s', `${i.issuer}/.well-known/openid-configuration`]).toString());
console.log(execFileSync('curl', ['-s', '-X', 'POST', i.tokenEndpoint, '-d', 'grant_type=implicit']).toString());
await i.stop();
