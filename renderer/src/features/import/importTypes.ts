// Output types of the import channels, as the wizard uses them.
import type { ChannelOutput } from '../../../../shared/contract/channels';

export type InspectResult = ChannelOutput<'inspectImportFile'>;
export type ImportRunSummary = ChannelOutput<'listImportRuns'>['page'][number];
export type NumberStyle = InspectResult['numberStyle'];
