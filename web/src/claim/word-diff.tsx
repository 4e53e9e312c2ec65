import { diffWords } from 'diff';

/** Two versions of a statement, word by word: removed words struck through, added ones underlined. */
export const WordDiff = ({ before, after }: { before: string; after: string }) => (
  <span class="word-diff">
    {diffWords(before, after).map((part, index) =>
      part.added ? (
        <ins key={index}>
          <span class="visually-hidden">added: </span>
          {part.value}
        </ins>
      ) : part.removed ? (
        <del key={index}>
          <span class="visually-hidden">removed: </span>
          {part.value}
        </del>
      ) : (
        <span key={index}>{part.value}</span>
      ),
    )}
  </span>
);
