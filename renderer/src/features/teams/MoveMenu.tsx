import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n';

export interface MoveTarget {
  leaderId: number;
  label: string;
  detail: string;
}

interface Props {
  rep: string;
  targets: readonly MoveTarget[];
  onMove: (leaderId: number) => void;
  /** Set right after this rep was moved, so the keyboard user continues from where the rep went. */
  autoFocus?: boolean;
}

/**
 * "Move to…": the keyboard way to do what dragging does. A menu button (WAI-ARIA menu pattern):
 * Enter, Space or ArrowDown open it on the first team, arrows and Home/End move, Escape closes it
 * and returns to the button.
 */
export function MoveMenu({ rep, targets, onMove, autoFocus = false }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemsRef = useRef<(HTMLButtonElement | null)[]>([]);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (autoFocus) buttonRef.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (open) itemsRef.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(e.key === 'ArrowDown' ? 0 : targets.length - 1);
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const last = targets.length - 1;
    const go: Record<string, number | undefined> = {
      ArrowDown: active >= last ? 0 : active + 1,
      ArrowUp: active <= 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    const next = go[e.key];
    if (next !== undefined) {
      e.preventDefault();
      setActive(next);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="move-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button button--small button--ghost move-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t('teams.moveLabel', { rep })}
        disabled={targets.length === 0}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
        data-testid="move-button"
      >
        {t('teams.move')}
      </button>
      {open ? (
        <ul
          id={menuId}
          className="move-menu__list"
          role="menu"
          aria-label={t('teams.moveLabel', { rep })}
          onKeyDown={onMenuKey}
          data-testid="move-menu"
        >
          {targets.map((target, i) => (
            <li key={target.leaderId} role="none">
              <button
                ref={(el) => {
                  itemsRef.current[i] = el;
                }}
                type="button"
                role="menuitem"
                tabIndex={i === active ? 0 : -1}
                className="move-menu__item"
                onClick={() => {
                  close(false);
                  onMove(target.leaderId);
                }}
                data-testid="move-target"
                data-leader={target.leaderId}
                data-team={target.label}
              >
                <span className="move-menu__team">{target.label}</span>
                <span className="move-menu__detail">{target.detail}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
