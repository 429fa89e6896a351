import { Link } from 'react-router';

/** The boxes of a work list (inbox, documents) as tabs: links to `?box=…`, the current one marked. */
export function BoxTabs<B extends string>({
  boxes,
  current,
  label,
  text,
  count,
  alert,
}: {
  boxes: readonly B[];
  current: B;
  label: string;
  text: (box: B) => string;
  count?: (box: B) => number | undefined;
  /** Boxes shown in the alert colour. */
  alert?: (box: B) => boolean;
}) {
  return (
    <nav aria-label={label} className="tabs">
      <ul>
        {boxes.map((b) => {
          const n = count?.(b);
          return (
            <li key={b}>
              <Link
                to={`?box=${b}`}
                aria-current={b === current ? 'page' : undefined}
                className={alert?.(b) ? 'tabs__alert' : undefined}
              >
                {text(b)}
                {n !== undefined && <span className="tabs__count"> ({n})</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
