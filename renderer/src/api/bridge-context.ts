import { createContext, useContext } from 'react';
import type { HostBridge } from '../../../shared/api/contract';

export const BridgeContext = createContext<HostBridge | null>(null);

export function useBridge(): HostBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside BridgeContext');
  return bridge;
}
