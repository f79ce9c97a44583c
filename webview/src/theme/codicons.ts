// The codicon font and its class names, bundled into the script: the package ships only the bundle
// and media, and the page's policy loads no font from anywhere. The font is added from its bytes
// through the FontFace API; the class names come from the codicons package's own stylesheet,
// adopted as a constructed stylesheet (both are script APIs the policy does not gate).
import codiconStyles from '@vscode/codicons/dist/codicon.css';
import codiconFont from '@vscode/codicons/dist/codicon.ttf';

export async function installCodicons(document: Document): Promise<void> {
  const sheet = new CSSStyleSheet();
  // Its @font-face points at a file next to it, which is not there; the font is added below instead.
  sheet.replaceSync(codiconStyles.replace(/@font-face\s*{[^}]*}/, ''));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const face = new FontFace('codicon', codiconFont);
  document.fonts.add(face);
  await face.load();
}
