import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { AcceptabilityBadge } from '../components/ui.js';
import { KIND_LOOK } from '../map/map-style.js';
import { navigate } from '../router.js';
import { kindCounts, visibleRows, type OutlineNode } from './outline-tree.js';

const COUNT_WORDS = {
  SUPPORTS: 'supporting',
  ATTACKS: 'attacking',
  UNDERCUTS: 'undercutting',
  REFINES: 'refining',
  DUPLICATES: 'duplicating',
} as const;

/**
 * The outline as an ARIA tree with one tab stop: ↓/↑ move, → opens a row or goes to its first child,
 * ← closes it or goes to its parent, Home/End jump, Enter opens the claim. Only open rows' children are
 * rendered, so hundreds of claims stay light.
 */
export const OutlineTree = ({ root, label }: { root: OutlineNode; label: string }) => {
  const [expanded, setExpandedState] = useState<ReadonlySet<string>>(() => new Set([root.key]));
  const [focusKey, setFocusKeyState] = useState(root.key);
  // The handlers read and write these at once: keys pressed faster than renders still act in order.
  const expandedNow = useRef(expanded);
  const focusNow = useRef(focusKey);
  const list = useRef<HTMLUListElement>(null);
  const moved = useRef(false);
  const rows = visibleRows(root, expanded);
  // Focus follows the selection in the same frame (a layout effect), as in a native tree.
  useLayoutEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    list.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }, [focusKey, expanded]);

  const focusRow = (key: string) => {
    moved.current = true;
    focusNow.current = key;
    setFocusKeyState(key);
  };
  const toggle = (key: string, open: boolean) => {
    const next = new Set(expandedNow.current);
    if (open) next.add(key);
    else next.delete(key);
    moved.current = true;
    expandedNow.current = next;
    setExpandedState(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const current = visibleRows(root, expandedNow.current);
    const index = current.findIndex((row) => row.node.key === focusNow.current);
    const row = current[index];
    if (!row) return;
    const { node } = row;
    const open = expandedNow.current.has(node.key);
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          if (current[index + 1]) focusRow(current[index + 1]!.node.key);
          return true;
        case 'ArrowUp':
          if (index > 0) focusRow(current[index - 1]!.node.key);
          return true;
        case 'ArrowRight':
          if (node.children.length && !open) toggle(node.key, true);
          else if (open && node.children[0]) focusRow(node.children[0].key);
          return true;
        case 'ArrowLeft':
          if (open && node.children.length) toggle(node.key, false);
          else if (row.parentKey) focusRow(row.parentKey);
          return true;
        case 'Home':
          focusRow(current[0]!.node.key);
          return true;
        case 'End':
          focusRow(current[current.length - 1]!.node.key);
          return true;
        case 'Enter':
          navigate(`/claims/${node.claim.id}`);
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  return (
    <ul class="outline" role="tree" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {rows.map(({ node, level }) => {
        const open = expanded.has(node.key);
        const counts = kindCounts(node);
        return (
          <li
            key={node.key}
            role="treeitem"
            aria-level={level}
            aria-expanded={node.children.length ? open : undefined}
            aria-selected={node.key === focusKey}
            tabIndex={node.key === focusKey ? 0 : -1}
            data-key={node.key}
            data-claim-id={node.claim.id}
            class={`outline-row outline-level-${Math.min(level, 8)}`}
            onClick={(event) => {
              event.stopPropagation();
              focusRow(node.key);
              if (node.children.length) toggle(node.key, !open);
            }}
          >
            <span class="outline-indent" aria-hidden="true" data-level={level} />
            <span class="outline-twisty" aria-hidden="true">
              {node.children.length ? (open ? '▾' : '▸') : '·'}
            </span>
            {node.kind ? (
              <span class={`outline-kind kind-${node.kind}`}>{KIND_LOOK[node.kind].words}</span>
            ) : null}{' '}
            <AcceptabilityBadge acceptability={node.claim.acceptability} />{' '}
            <span class="outline-statement">{node.claim.statement}</span>
            {node.repeats ? <span class="hint"> (already above: a cycle)</span> : null}
            {counts.length ? (
              <span class="outline-counts">
                {' '}
                — {counts.map(([kind, count]) => `${count} ${COUNT_WORDS[kind]}`).join(', ')}
                {node.descendants > node.children.length ? `; ${node.descendants} below in all` : ''}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
};
