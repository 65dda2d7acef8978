// Verbatim's own requests (status, list of sources, re-index, trust) and the workspace/executeCommand that other
// editors can use to re-index.
import type { ServerContext } from './context';
import { ListSourcesRequest, REINDEX_COMMAND, ReindexRequest, SetTrustedNotification, StatusRequest } from '../protocol';
import { sourceSummary } from './toProto';

export const SERVER_COMMANDS = [REINDEX_COMMAND];

export function registerCommands(ctx: ServerContext): void {
  const { connection, workspace } = ctx;
  connection.onRequest(StatusRequest, () => workspace.status());
  connection.onRequest(ListSourcesRequest, () =>
    workspace.index.sources
      .map((s) => sourceSummary(workspace.index, s, workspace.isBundled(s.path)))
      .sort((a, b) => Number(a.bundled) - Number(b.bundled) || (a.title ?? a.id).localeCompare(b.title ?? b.id)),
  );
  connection.onRequest(ReindexRequest, async () => {
    await workspace.reindex({ reread: true });
    return workspace.status();
  });
  connection.onNotification(SetTrustedNotification, (p) => void ctx.trustChanged(p.trusted !== false));
  connection.onExecuteCommand(async (params) => {
    if (params.command === REINDEX_COMMAND) {
      await workspace.reindex({ reread: true });
      return workspace.status();
    }
    return null;
  });
}
