import * as vscode from 'vscode';
import { completeAt, findSection, referenceAt } from '../../core/profiles/configLintComplete';
import { SETTINGS_REFERENCE_URL, keyDoc } from '../../core/profiles/configLintDocs';
import { parseIniWithPositions } from '../../core/profiles/iniPositions';
import { profileNamesOf } from '../../core/profiles/configLint';
import { CounterpartReader, counterpartPath, kindOfDocument } from './configFiles';
import { toRange } from './configDiagnostics';

const ITEM_KIND: Record<string, vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  profile: vscode.CompletionItemKind.Reference,
  section: vscode.CompletionItemKind.Reference,
};

/** Completions of setting keys and values, hovers that explain a setting, and go-to-definition of profile references. */
export class ConfigAssistProvider implements vscode.CompletionItemProvider, vscode.HoverProvider, vscode.DefinitionProvider {
  constructor(private readonly readOther: CounterpartReader) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const kind = kindOfDocument(document);
    if (!kind) return undefined;
    const otherPath = counterpartPath(document, kind);
    const otherText = otherPath ? await this.readOther(otherPath) : undefined;
    const otherProfiles = otherText === undefined ? [] : profileNamesOf(otherText, kind === 'config' ? 'credentials' : 'config');
    const result = completeAt(document.getText(), kind, position.line, position.character, otherProfiles);
    if (!result) return undefined;
    const replace = toRange(result.range);
    return result.items.map((i) => {
      const item = new vscode.CompletionItem(i.label, ITEM_KIND[i.kind]);
      item.range = replace;
      if (i.insertText) item.insertText = i.insertText;
      if (i.detail) item.detail = i.detail;
      if (i.documentation) item.documentation = new vscode.MarkdownString(i.documentation);
      return item;
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!kindOfDocument(document)) return undefined;
    for (const section of parseIniWithPositions(document.getText()).sections) {
      for (const e of [...section.entries, ...section.entries.flatMap((x) => x.nested)]) {
        const r = toRange(e.keyRange);
        if (!r.contains(position)) continue;
        const doc = keyDoc(e.key);
        if (!doc) return undefined;
        const md = new vscode.MarkdownString(`**${e.key}**\n\n${doc}\n\n${vscode.l10n.t('[AWS SDKs and Tools settings reference]({0})', SETTINGS_REFERENCE_URL)}`);
        return new vscode.Hover(md, r);
      }
    }
    return undefined;
  }

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
    const kind = kindOfDocument(document);
    if (!kind) return undefined;
    const ref = referenceAt(document.getText(), position.line, position.character);
    if (!ref) return undefined;
    const here = findSection(document.getText(), kind, ref.name, ref.target);
    if (here) return new vscode.Location(document.uri, toRange(here));
    if (ref.target !== 'profile') return undefined;
    const otherPath = counterpartPath(document, kind);
    const otherText = otherPath ? await this.readOther(otherPath) : undefined;
    if (!otherPath || otherText === undefined) return undefined;
    const there = findSection(otherText, kind === 'config' ? 'credentials' : 'config', ref.name, 'profile');
    return there ? new vscode.Location(vscode.Uri.file(otherPath), toRange(there)) : undefined;
  }
}
