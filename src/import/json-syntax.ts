/**
 * Where JSON text stops being JSON: V8's JSON.parse says what went wrong but not always where ("Unexpected
 * token ']', …"), and a bundle can be megabytes long. One pass, no recursion, so that nesting cannot
 * exhaust the stack.
 */

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const ESCAPE = /\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The offset of the first character that breaks JSON's grammar (text.length if the text ends too soon). */
export const jsonErrorOffset = (text: string): number | undefined => {
  let at = 0;
  // What each open container expects next: a value, a key, or ',' / the closing bracket.
  const open: Array<'[' | '{'> = [];
  let expect: 'value' | 'key' | 'after' | 'colon' = 'value';
  let first = true; // just after '[' or '{': the closing bracket may come instead of a value or key
  const skip = () => {
    while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  };
  const string = (): boolean => {
    at++;
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') {
        at++;
        return true;
      }
      if (char === '\\') {
        ESCAPE.lastIndex = at;
        if (!ESCAPE.test(text)) return false;
        at = ESCAPE.lastIndex;
      } else if (char < ' ') return false;
      else at++;
    }
    return false;
  };
  for (;;) {
    skip();
    if (at >= text.length) return open.length === 0 && expect === 'after' ? undefined : text.length;
    const char = text[at]!;
    if (expect === 'after') {
      const container = open.at(-1);
      if (container === undefined) return at; // something after the whole value
      if (char === ',') {
        at++;
        expect = container === '[' ? 'value' : 'key';
        first = false;
      } else if (char === (container === '[' ? ']' : '}')) {
        at++;
        open.pop();
      } else return at;
      continue;
    }
    if (first && open.length > 0 && char === (open.at(-1) === '[' ? ']' : '}')) {
      at++;
      open.pop();
      expect = 'after';
      first = false;
      continue;
    }
    first = false;
    if (expect === 'key') {
      if (char !== '"' || !string()) return at;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (char !== ':') return at;
      at++;
      expect = 'value';
    } else if (char === '[' || char === '{') {
      open.push(char);
      at++;
      expect = char === '[' ? 'value' : 'key';
      first = true;
    } else if (char === '"') {
      if (!string()) return at;
      expect = 'after';
    } else {
      const pattern = char === 't' || char === 'f' || char === 'n' ? LITERAL : NUMBER;
      pattern.lastIndex = at;
      if (!pattern.test(text)) return at;
      at = pattern.lastIndex;
      expect = 'after';
    }
  }
};

/** 1-based line and column of an offset, as an editor shows them. */
export const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
};
