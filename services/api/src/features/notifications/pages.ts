const NBSP = '\u00a0';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Passerelle</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
button{font-size:1rem;padding:.75rem 1.5rem;border:2px solid #1a1a1a;border-radius:4px;background:#ffc800;color:#1a1a1a;cursor:pointer}
button:focus{outline:3px solid #003da5;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** The page behind the emailed link: one button that POSTs the same URL (the token stays in it). */
export function confirmationPage(token: string): string {
  const action = `?token=${encodeURIComponent(token)}`;
  return page(
    'Se désabonner des recommandations',
    `<p>Vous ne recevrez plus d’e-mails de missions recommandées ni d’invitations de la part de Passerelle. Les e-mails liés à vos candidatures et à votre compte continueront de vous parvenir.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<input type="hidden" name="source" value="page">
<button type="submit">Confirmer mon désabonnement</button>
</form>
<p>Vous pourrez changer d’avis à tout moment dans vos préférences de notification${NBSP}: <a href="/mon-compte/notifications">Mon compte › Notifications</a>.</p>`,
  );
}

export function unsubscribedPage(): string {
  return page(
    'Vous êtes désabonné',
    `<p>C’est fait${NBSP}: vous ne recevrez plus d’e-mails de missions recommandées.</p>
<p>Pour les recevoir à nouveau, ou choisir un récapitulatif quotidien ou hebdomadaire, rendez-vous dans vos <a href="/mon-compte/notifications">préférences de notification</a>.</p>`,
  );
}
