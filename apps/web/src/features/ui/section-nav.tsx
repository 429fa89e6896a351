import { type ReactNode, useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router';

export interface SectionLink {
  to: string;
  label: string;
  /** Active only on this exact path (not on the paths below it). */
  end?: boolean;
}

/**
 * The navigation of an area (staff, administration): a column beside the page on a wide screen; on a
 * phone one row that scrolls sideways inside itself, the current page's link brought into view, so the
 * page starts on the first screen instead of under a dozen wrapped links.
 */
export function SectionNav({ label, scope, links }: { label: string; scope: ReactNode; links: SectionLink[] }) {
  const list = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    const ul = list.current;
    const current = ul?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!ul || !current || ul.scrollWidth <= ul.clientWidth) return;
    ul.scrollLeft = current.offsetLeft - (ul.clientWidth - current.offsetWidth) / 2;
  }, [pathname, links.length]);
  return (
    <nav className="subnav" aria-label={label}>
      <p className="muted">{scope}</p>
      <ul ref={list}>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
