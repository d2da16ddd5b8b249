/**
 * Lists the library's exported functions and classes that have no doc comment (`/** … *\/` just above them),
 * as `file:line name`. Exits 1 when there is one; `npm run check` runs it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const exported = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Exported functions (declarations or const arrow / function expressions) and classes without a doc comment. */
export function undocumented(root = 'src'): string[] {
  const out: string[] = [];
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    for (const st of sf.statements) {
      if (!exported(st)) continue;
      let name: string | undefined;
      if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) name = st.name.text;
      if (ts.isVariableStatement(st)) {
        const d = st.declarationList.declarations[0];
        const init = d.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && ts.isIdentifier(d.name)) name = d.name.text;
      }
      if (!name) continue;
      const docs = ts.getJSDocCommentsAndTags(st);
      const leading = ts.getLeadingCommentRanges(text, st.getFullStart()) ?? [];
      const hasDoc = docs.length > 0 || leading.some((c) => text.slice(c.pos, c.end).startsWith('/**'));
      if (!hasDoc) out.push(`${file}:${sf.getLineAndCharacterOfPosition(st.getStart()).line + 1} ${name}`);
    }
  }
  return out;
}

if (process.argv[1]?.endsWith('undocumented.ts')) {
  const missing = undocumented();
  if (missing.length) {
    process.stderr.write(`${missing.length} exported functions or classes without a doc comment:\n${missing.join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('every exported function and class has a doc comment\n');
}
