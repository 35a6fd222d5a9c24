/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query TicketList($where: TicketWhereInput, $orderBy: [TicketOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    tickets(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id\n          code\n          title\n          channel\n          status\n          registeredAt\n          createdAt\n          dueAt\n          colour\n          supervised\n          extensionDays\n          department { id name }\n          category { id name }\n          suggestedDepartment { id name }\n          repeat { state }\n          groupCase { id }\n        }\n      }\n    }\n  }\n": typeof types.TicketListDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles\n      tenant { code name }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query PickDepartments($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: departments(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }\n    chosen: departments(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }\n  }\n": typeof types.PickDepartmentsDocument,
    "\n  query PickCategories($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: categories(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: CODE, direction: ASC }) { edges { node { id name level department { id } } } }\n    chosen: categories(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name level department { id } } } }\n  }\n": typeof types.PickCategoriesDocument,
    "\n  query PickRegions($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: regions(first: $first, where: { levelNEQ: GRID, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }\n    chosen: regions(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }\n  }\n": typeof types.PickRegionsDocument,
    "\n  mutation DispatchTicket($id: ID!, $input: DispatchInput!) {\n    dispatchTicket(id: $id, input: $input) { id status dueAt colour department { id name } category { id name } coDepartments { id name } }\n  }\n": typeof types.DispatchTicketDocument,
    "\n  mutation ReassignTicket($id: ID!, $departmentID: ID!, $reason: String!, $co: [ID!]) {\n    reassignTicket(id: $id, departmentID: $departmentID, reason: $reason, coDepartmentIDs: $co) { id status dueAt department { id name } }\n  }\n": typeof types.ReassignTicketDocument,
    "\n  mutation MergeTickets($intoID: ID!, $fromIDs: [ID!]!) {\n    mergeTickets(intoID: $intoID, fromIDs: $fromIDs) { id status mergedFrom { id code status } }\n  }\n": typeof types.MergeTicketsDocument,
    "\n  mutation DecideExtension($id: ID!, $approve: Boolean!, $note: String) {\n    decideExtension(id: $id, approve: $approve, note: $note) { id dueAt colour extensionDays extensionReason }\n  }\n": typeof types.DecideExtensionDocument,
    "\n  mutation AcceptTicket($id: ID!) { acceptTicket(id: $id) { id status } }\n": typeof types.AcceptTicketDocument,
    "\n  mutation StartTicket($id: ID!) { startTicket(id: $id) { id status } }\n": typeof types.StartTicketDocument,
    "\n  mutation ReturnTicket($id: ID!, $reason: String!) { returnTicket(id: $id, reason: $reason) { id status } }\n": typeof types.ReturnTicketDocument,
    "\n  mutation RequestExtension($id: ID!, $days: Int!, $reason: String!) {\n    requestExtension(id: $id, days: $days, reason: $reason) { id extensionDays extensionReason }\n  }\n": typeof types.RequestExtensionDocument,
    "\n  mutation ReplyTicket($id: ID!, $input: ReplyInput!) {\n    replyTicket(id: $id, input: $input) { id status replies { id at missing } }\n  }\n": typeof types.ReplyTicketDocument,
    "\n  query TicketsByCode($codes: [String!]) {\n    tickets(first: 20, where: { codeIn: $codes }) { edges { node { id code status title } } }\n  }\n": typeof types.TicketsByCodeDocument,
    "\n  mutation Login($tenant: String!, $username: String!, $password: String!) {\n    login(tenant: $tenant, username: $username, password: $password) {\n      token\n      expiresAt\n      user { id }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation SubmitIntake($input: SubmitIntakeInput!) {\n    submitIntake(input: $input) { id kind status ticket { id } }\n  }\n": typeof types.SubmitIntakeDocument,
    "\n  subscription IntakeJobUpdated($id: ID!) {\n    intakeJobUpdated(id: $id) {\n      id\n      kind\n      status\n      error\n      result { text silent fields { name value confidence verified } }\n    }\n  }\n": typeof types.IntakeJobUpdatedDocument,
    "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) { id code status trackingToken trackingURL }\n  }\n": typeof types.CreateTicketDocument,
    "\n  mutation RegisterDraft($id: ID!, $input: RegisterTicketInput) {\n    registerTicket(id: $id, input: $input) { id code status trackingToken trackingURL timeline { action after } }\n  }\n": typeof types.RegisterDraftDocument,
    "\n  query TicketPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Ticket {\n        id\n        code\n        title\n        body\n        channel\n        status\n        place\n        anonymous\n        registeredAt\n        dueAt\n        colour\n        supervised\n        extensionDays\n        extensionReason\n        citizen { id name idNumber phone address }\n        category { id name }\n        department { id name }\n        suggestedDepartment { id name }\n        coDepartments { id name }\n        registeredBy { id displayName }\n        mergedInto { id code }\n        attachments { id fileName contentType size kind createdAt url }\n        intakeJobs { id kind status error result { fields { name value confidence verified } } }\n        replies { id facts basis handling result appealChannel missing at }\n        timeline { id action actorName fromStatus toStatus reason at }\n        knowledgeHits(first: 5) { score snippet article { id title } }\n      }\n    }\n  }\n": typeof types.TicketPageDocument,
    "\n  subscription TicketUpdated($id: ID!) {\n    ticketUpdated(id: $id) { id status version }\n  }\n": typeof types.TicketUpdatedDocument,
    "\n  query AdminCalendarDays($year: Int!) { calendarDays(year: $year) { date workday note } }\n": typeof types.AdminCalendarDaysDocument,
    "mutation AdminSetCalendarDay($date: Date!, $workday: Boolean!, $note: String) { setCalendarDay(date: $date, workday: $workday, note: $note) { date } }": typeof types.AdminSetCalendarDayDocument,
    "mutation AdminClearCalendarDay($date: Date!) { clearCalendarDay(date: $date) }": typeof types.AdminClearCalendarDayDocument,
    "\n  query AdminCategories {\n    categories(first: 100, where: { level: 1 }) {\n      totalCount\n      edges { node { ...AdminCategory children { ...AdminCategory children { ...AdminCategory } } } }\n    }\n  }\n  fragment AdminCategory on Category { id name code level type deadlineDays keywords active department { id name } }\n": typeof types.AdminCategoriesDocument,
    "mutation AdminCreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id } }": typeof types.AdminCreateCategoryDocument,
    "mutation AdminUpdateCategory($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id } }": typeof types.AdminUpdateCategoryDocument,
    "\n  query AdminDepartments($first: Int, $after: Cursor, $orderBy: DepartmentOrder) {\n    departments(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name kind phone active parent { id name } } }\n    }\n  }\n": typeof types.AdminDepartmentsDocument,
    "mutation AdminCreateDepartment($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }": typeof types.AdminCreateDepartmentDocument,
    "mutation AdminUpdateDepartment($id: ID!, $input: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $input) { id } }": typeof types.AdminUpdateDepartmentDocument,
    "\n  query AdminAPIKeys { apiKeys { id name prefix role createdAt lastUsedAt revokedAt } roles }\n": typeof types.AdminApiKeysDocument,
    "mutation AdminCreateAPIKey($input: CreateAPIKeyInput!) { createAPIKey(input: $input) { key apiKey { id } } }": typeof types.AdminCreateApiKeyDocument,
    "mutation AdminRevokeAPIKey($id: ID!) { revokeAPIKey(id: $id) { id revokedAt } }": typeof types.AdminRevokeApiKeyDocument,
    "\n  query AdminNotificationSettings { notificationSettings { webhookURL webhookSecretSet reminderBeforeHours } }\n": typeof types.AdminNotificationSettingsDocument,
    "\n  mutation AdminSetNotificationSettings($input: NotificationSettingsInput!) {\n    setNotificationSettings(input: $input) { webhookURL webhookSecretSet reminderBeforeHours }\n  }\n": typeof types.AdminSetNotificationSettingsDocument,
    "\n  query AdminRegions($first: Int, $after: Cursor, $orderBy: RegionOrder, $where: RegionWhereInput) {\n    regions(first: $first, after: $after, orderBy: $orderBy, where: $where) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name level divisionCode gridNumber parent { id name } } }\n    }\n  }\n": typeof types.AdminRegionsDocument,
    "mutation AdminCreateRegion($input: CreateRegionInput!) { createRegion(input: $input) { id } }": typeof types.AdminCreateRegionDocument,
    "mutation AdminUpdateRegion($id: ID!, $input: UpdateRegionInput!) { updateRegion(id: $id, input: $input) { id } }": typeof types.AdminUpdateRegionDocument,
    "\n  query AdminUsers($first: Int, $after: Cursor, $where: UserWhereInput, $orderBy: UserOrder) {\n    users(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id username displayName active roles department { id name } } }\n    }\n    roles\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation AdminCreateUser($input: NewUserInput!) { createUser(input: $input) { id } }\n": typeof types.AdminCreateUserDocument,
    "\n  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id active roles } }\n": typeof types.AdminUpdateUserDocument,
    "\n  query AdminWatchItems($first: Int, $after: Cursor, $kind: WatchItemKind) {\n    watchItems(first: $first, after: $after, kind: $kind) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind words reason level watchesIDNumber watchesPhone createdAt region { name } category { name } } }\n    }\n  }\n": typeof types.AdminWatchItemsDocument,
    "mutation AdminAddWatchItem($input: WatchItemInput!) { addWatchItem(input: $input) { id } }": typeof types.AdminAddWatchItemDocument,
    "mutation AdminRemoveWatchItem($id: ID!) { removeWatchItem(id: $id) }": typeof types.AdminRemoveWatchItemDocument,
    "\n  query AdminWordList { wordList { added stop synonyms { word canonical } builtInStop } }\n": typeof types.AdminWordListDocument,
    "\n  mutation AdminSetWordList($input: WordListInput!) { setWordList(input: $input) { added stop synonyms { word canonical } } }\n": typeof types.AdminSetWordListDocument,
    "\n  query AnalystReports($first: Int, $after: Cursor, $orderBy: ReportOrder) {\n    reports(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind status from to scheduled size error createdAt downloadURL } }\n    }\n  }\n": typeof types.AnalystReportsDocument,
    "\n  mutation AnalystGenerateReport($input: GenerateReportInput!) {\n    generateReport(input: $input) { id status }\n  }\n": typeof types.AnalystGenerateReportDocument,
    "\n  query AnalystStatistics($input: StatisticsInput!) {\n    statistics(input: $input) {\n      rows { keys { dimension value label } metrics { ...AnalystMetrics } }\n      total { ...AnalystMetrics }\n    }\n  }\n  fragment AnalystMetrics on StatsMetrics {\n    received dispatched timelyAcceptanceRate closed onTimeRate overdue yellow red returned\n    satisfactionRate solvedRate repeatRate supervised avgHandlingWorkdays\n  }\n": typeof types.AnalystStatisticsDocument,
    "\n  query StatsMetricDefinitions {\n    metricDefinitions { name label definition }\n  }\n": typeof types.StatsMetricDefinitionsDocument,
    "\n  query LeaderOverview($period: StatisticsInput!, $trend: StatisticsInput!, $byCategory: StatisticsInput!) {\n    kpi: statistics(input: $period) {\n      total { ...LeaderKpi }\n      previous { ...LeaderKpi }\n      lastYear { ...LeaderKpi }\n    }\n    trend: statistics(input: $trend) {\n      rows { keys { label } metrics { received closed overdue } }\n    }\n    byCategory: statistics(input: $byCategory) {\n      rows { keys { label value } metrics { received closed } }\n    }\n  }\n  fragment LeaderKpi on StatsMetrics {\n    received closed onTimeRate satisfactionRate overdue red yellow supervised\n  }\n": typeof types.LeaderOverviewDocument,
    "\n  query LeaderRanking($input: RankingIndexInput!) {\n    rankingIndex(input: $input) {\n      priorCases\n      units { id name rank score sample change dimensions { name label score weight } }\n    }\n  }\n": typeof types.LeaderRankingDocument,
    "\n  query LeaderHotTopics($input: HotTopicsInput!) {\n    hotTopics(input: $input) { word tickets previous rise }\n  }\n": typeof types.LeaderHotTopicsDocument,
    "\n  query LeaderOverdue($where: TicketWhereInput, $orderBy: [TicketOrder!]) {\n    tickets(first: 20, where: $where, orderBy: $orderBy) {\n      totalCount\n      edges { node { id code title colour dueAt supervised department { name } } }\n    }\n  }\n": typeof types.LeaderOverdueDocument,
    "\n  query LeaderWarnings {\n    warnings(first: 10, where: { acknowledged: false }) {\n      totalCount\n      edges { node { id kind level reason createdAt tickets { id code } } }\n    }\n  }\n": typeof types.LeaderWarningsDocument,
    "\n  mutation LeaderAcknowledgeWarning($id: ID!, $note: String) {\n    acknowledgeWarning(id: $id, note: $note) { id acknowledgedAt }\n  }\n": typeof types.LeaderAcknowledgeWarningDocument,
    "\n  mutation LeaderSupervise($id: ID!, $note: String!) {\n    superviseTicket(id: $id, note: $note) { id supervised }\n  }\n": typeof types.LeaderSuperviseDocument,
    "\n  mutation LeaderInstruct($id: ID!, $text: String!) {\n    instructTicket(id: $id, text: $text) { id }\n  }\n": typeof types.LeaderInstructDocument,
};
const documents: Documents = {
    "\n  query TicketList($where: TicketWhereInput, $orderBy: [TicketOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    tickets(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id\n          code\n          title\n          channel\n          status\n          registeredAt\n          createdAt\n          dueAt\n          colour\n          supervised\n          extensionDays\n          department { id name }\n          category { id name }\n          suggestedDepartment { id name }\n          repeat { state }\n          groupCase { id }\n        }\n      }\n    }\n  }\n": types.TicketListDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles\n      tenant { code name }\n    }\n  }\n": types.MeDocument,
    "\n  query PickDepartments($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: departments(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }\n    chosen: departments(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }\n  }\n": types.PickDepartmentsDocument,
    "\n  query PickCategories($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: categories(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: CODE, direction: ASC }) { edges { node { id name level department { id } } } }\n    chosen: categories(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name level department { id } } } }\n  }\n": types.PickCategoriesDocument,
    "\n  query PickRegions($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: regions(first: $first, where: { levelNEQ: GRID, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }\n    chosen: regions(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }\n  }\n": types.PickRegionsDocument,
    "\n  mutation DispatchTicket($id: ID!, $input: DispatchInput!) {\n    dispatchTicket(id: $id, input: $input) { id status dueAt colour department { id name } category { id name } coDepartments { id name } }\n  }\n": types.DispatchTicketDocument,
    "\n  mutation ReassignTicket($id: ID!, $departmentID: ID!, $reason: String!, $co: [ID!]) {\n    reassignTicket(id: $id, departmentID: $departmentID, reason: $reason, coDepartmentIDs: $co) { id status dueAt department { id name } }\n  }\n": types.ReassignTicketDocument,
    "\n  mutation MergeTickets($intoID: ID!, $fromIDs: [ID!]!) {\n    mergeTickets(intoID: $intoID, fromIDs: $fromIDs) { id status mergedFrom { id code status } }\n  }\n": types.MergeTicketsDocument,
    "\n  mutation DecideExtension($id: ID!, $approve: Boolean!, $note: String) {\n    decideExtension(id: $id, approve: $approve, note: $note) { id dueAt colour extensionDays extensionReason }\n  }\n": types.DecideExtensionDocument,
    "\n  mutation AcceptTicket($id: ID!) { acceptTicket(id: $id) { id status } }\n": types.AcceptTicketDocument,
    "\n  mutation StartTicket($id: ID!) { startTicket(id: $id) { id status } }\n": types.StartTicketDocument,
    "\n  mutation ReturnTicket($id: ID!, $reason: String!) { returnTicket(id: $id, reason: $reason) { id status } }\n": types.ReturnTicketDocument,
    "\n  mutation RequestExtension($id: ID!, $days: Int!, $reason: String!) {\n    requestExtension(id: $id, days: $days, reason: $reason) { id extensionDays extensionReason }\n  }\n": types.RequestExtensionDocument,
    "\n  mutation ReplyTicket($id: ID!, $input: ReplyInput!) {\n    replyTicket(id: $id, input: $input) { id status replies { id at missing } }\n  }\n": types.ReplyTicketDocument,
    "\n  query TicketsByCode($codes: [String!]) {\n    tickets(first: 20, where: { codeIn: $codes }) { edges { node { id code status title } } }\n  }\n": types.TicketsByCodeDocument,
    "\n  mutation Login($tenant: String!, $username: String!, $password: String!) {\n    login(tenant: $tenant, username: $username, password: $password) {\n      token\n      expiresAt\n      user { id }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation SubmitIntake($input: SubmitIntakeInput!) {\n    submitIntake(input: $input) { id kind status ticket { id } }\n  }\n": types.SubmitIntakeDocument,
    "\n  subscription IntakeJobUpdated($id: ID!) {\n    intakeJobUpdated(id: $id) {\n      id\n      kind\n      status\n      error\n      result { text silent fields { name value confidence verified } }\n    }\n  }\n": types.IntakeJobUpdatedDocument,
    "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) { id code status trackingToken trackingURL }\n  }\n": types.CreateTicketDocument,
    "\n  mutation RegisterDraft($id: ID!, $input: RegisterTicketInput) {\n    registerTicket(id: $id, input: $input) { id code status trackingToken trackingURL timeline { action after } }\n  }\n": types.RegisterDraftDocument,
    "\n  query TicketPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Ticket {\n        id\n        code\n        title\n        body\n        channel\n        status\n        place\n        anonymous\n        registeredAt\n        dueAt\n        colour\n        supervised\n        extensionDays\n        extensionReason\n        citizen { id name idNumber phone address }\n        category { id name }\n        department { id name }\n        suggestedDepartment { id name }\n        coDepartments { id name }\n        registeredBy { id displayName }\n        mergedInto { id code }\n        attachments { id fileName contentType size kind createdAt url }\n        intakeJobs { id kind status error result { fields { name value confidence verified } } }\n        replies { id facts basis handling result appealChannel missing at }\n        timeline { id action actorName fromStatus toStatus reason at }\n        knowledgeHits(first: 5) { score snippet article { id title } }\n      }\n    }\n  }\n": types.TicketPageDocument,
    "\n  subscription TicketUpdated($id: ID!) {\n    ticketUpdated(id: $id) { id status version }\n  }\n": types.TicketUpdatedDocument,
    "\n  query AdminCalendarDays($year: Int!) { calendarDays(year: $year) { date workday note } }\n": types.AdminCalendarDaysDocument,
    "mutation AdminSetCalendarDay($date: Date!, $workday: Boolean!, $note: String) { setCalendarDay(date: $date, workday: $workday, note: $note) { date } }": types.AdminSetCalendarDayDocument,
    "mutation AdminClearCalendarDay($date: Date!) { clearCalendarDay(date: $date) }": types.AdminClearCalendarDayDocument,
    "\n  query AdminCategories {\n    categories(first: 100, where: { level: 1 }) {\n      totalCount\n      edges { node { ...AdminCategory children { ...AdminCategory children { ...AdminCategory } } } }\n    }\n  }\n  fragment AdminCategory on Category { id name code level type deadlineDays keywords active department { id name } }\n": types.AdminCategoriesDocument,
    "mutation AdminCreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id } }": types.AdminCreateCategoryDocument,
    "mutation AdminUpdateCategory($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id } }": types.AdminUpdateCategoryDocument,
    "\n  query AdminDepartments($first: Int, $after: Cursor, $orderBy: DepartmentOrder) {\n    departments(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name kind phone active parent { id name } } }\n    }\n  }\n": types.AdminDepartmentsDocument,
    "mutation AdminCreateDepartment($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }": types.AdminCreateDepartmentDocument,
    "mutation AdminUpdateDepartment($id: ID!, $input: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $input) { id } }": types.AdminUpdateDepartmentDocument,
    "\n  query AdminAPIKeys { apiKeys { id name prefix role createdAt lastUsedAt revokedAt } roles }\n": types.AdminApiKeysDocument,
    "mutation AdminCreateAPIKey($input: CreateAPIKeyInput!) { createAPIKey(input: $input) { key apiKey { id } } }": types.AdminCreateApiKeyDocument,
    "mutation AdminRevokeAPIKey($id: ID!) { revokeAPIKey(id: $id) { id revokedAt } }": types.AdminRevokeApiKeyDocument,
    "\n  query AdminNotificationSettings { notificationSettings { webhookURL webhookSecretSet reminderBeforeHours } }\n": types.AdminNotificationSettingsDocument,
    "\n  mutation AdminSetNotificationSettings($input: NotificationSettingsInput!) {\n    setNotificationSettings(input: $input) { webhookURL webhookSecretSet reminderBeforeHours }\n  }\n": types.AdminSetNotificationSettingsDocument,
    "\n  query AdminRegions($first: Int, $after: Cursor, $orderBy: RegionOrder, $where: RegionWhereInput) {\n    regions(first: $first, after: $after, orderBy: $orderBy, where: $where) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name level divisionCode gridNumber parent { id name } } }\n    }\n  }\n": types.AdminRegionsDocument,
    "mutation AdminCreateRegion($input: CreateRegionInput!) { createRegion(input: $input) { id } }": types.AdminCreateRegionDocument,
    "mutation AdminUpdateRegion($id: ID!, $input: UpdateRegionInput!) { updateRegion(id: $id, input: $input) { id } }": types.AdminUpdateRegionDocument,
    "\n  query AdminUsers($first: Int, $after: Cursor, $where: UserWhereInput, $orderBy: UserOrder) {\n    users(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id username displayName active roles department { id name } } }\n    }\n    roles\n  }\n": types.AdminUsersDocument,
    "\n  mutation AdminCreateUser($input: NewUserInput!) { createUser(input: $input) { id } }\n": types.AdminCreateUserDocument,
    "\n  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id active roles } }\n": types.AdminUpdateUserDocument,
    "\n  query AdminWatchItems($first: Int, $after: Cursor, $kind: WatchItemKind) {\n    watchItems(first: $first, after: $after, kind: $kind) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind words reason level watchesIDNumber watchesPhone createdAt region { name } category { name } } }\n    }\n  }\n": types.AdminWatchItemsDocument,
    "mutation AdminAddWatchItem($input: WatchItemInput!) { addWatchItem(input: $input) { id } }": types.AdminAddWatchItemDocument,
    "mutation AdminRemoveWatchItem($id: ID!) { removeWatchItem(id: $id) }": types.AdminRemoveWatchItemDocument,
    "\n  query AdminWordList { wordList { added stop synonyms { word canonical } builtInStop } }\n": types.AdminWordListDocument,
    "\n  mutation AdminSetWordList($input: WordListInput!) { setWordList(input: $input) { added stop synonyms { word canonical } } }\n": types.AdminSetWordListDocument,
    "\n  query AnalystReports($first: Int, $after: Cursor, $orderBy: ReportOrder) {\n    reports(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind status from to scheduled size error createdAt downloadURL } }\n    }\n  }\n": types.AnalystReportsDocument,
    "\n  mutation AnalystGenerateReport($input: GenerateReportInput!) {\n    generateReport(input: $input) { id status }\n  }\n": types.AnalystGenerateReportDocument,
    "\n  query AnalystStatistics($input: StatisticsInput!) {\n    statistics(input: $input) {\n      rows { keys { dimension value label } metrics { ...AnalystMetrics } }\n      total { ...AnalystMetrics }\n    }\n  }\n  fragment AnalystMetrics on StatsMetrics {\n    received dispatched timelyAcceptanceRate closed onTimeRate overdue yellow red returned\n    satisfactionRate solvedRate repeatRate supervised avgHandlingWorkdays\n  }\n": types.AnalystStatisticsDocument,
    "\n  query StatsMetricDefinitions {\n    metricDefinitions { name label definition }\n  }\n": types.StatsMetricDefinitionsDocument,
    "\n  query LeaderOverview($period: StatisticsInput!, $trend: StatisticsInput!, $byCategory: StatisticsInput!) {\n    kpi: statistics(input: $period) {\n      total { ...LeaderKpi }\n      previous { ...LeaderKpi }\n      lastYear { ...LeaderKpi }\n    }\n    trend: statistics(input: $trend) {\n      rows { keys { label } metrics { received closed overdue } }\n    }\n    byCategory: statistics(input: $byCategory) {\n      rows { keys { label value } metrics { received closed } }\n    }\n  }\n  fragment LeaderKpi on StatsMetrics {\n    received closed onTimeRate satisfactionRate overdue red yellow supervised\n  }\n": types.LeaderOverviewDocument,
    "\n  query LeaderRanking($input: RankingIndexInput!) {\n    rankingIndex(input: $input) {\n      priorCases\n      units { id name rank score sample change dimensions { name label score weight } }\n    }\n  }\n": types.LeaderRankingDocument,
    "\n  query LeaderHotTopics($input: HotTopicsInput!) {\n    hotTopics(input: $input) { word tickets previous rise }\n  }\n": types.LeaderHotTopicsDocument,
    "\n  query LeaderOverdue($where: TicketWhereInput, $orderBy: [TicketOrder!]) {\n    tickets(first: 20, where: $where, orderBy: $orderBy) {\n      totalCount\n      edges { node { id code title colour dueAt supervised department { name } } }\n    }\n  }\n": types.LeaderOverdueDocument,
    "\n  query LeaderWarnings {\n    warnings(first: 10, where: { acknowledged: false }) {\n      totalCount\n      edges { node { id kind level reason createdAt tickets { id code } } }\n    }\n  }\n": types.LeaderWarningsDocument,
    "\n  mutation LeaderAcknowledgeWarning($id: ID!, $note: String) {\n    acknowledgeWarning(id: $id, note: $note) { id acknowledgedAt }\n  }\n": types.LeaderAcknowledgeWarningDocument,
    "\n  mutation LeaderSupervise($id: ID!, $note: String!) {\n    superviseTicket(id: $id, note: $note) { id supervised }\n  }\n": types.LeaderSuperviseDocument,
    "\n  mutation LeaderInstruct($id: ID!, $text: String!) {\n    instructTicket(id: $id, text: $text) { id }\n  }\n": types.LeaderInstructDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketList($where: TicketWhereInput, $orderBy: [TicketOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    tickets(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id\n          code\n          title\n          channel\n          status\n          registeredAt\n          createdAt\n          dueAt\n          colour\n          supervised\n          extensionDays\n          department { id name }\n          category { id name }\n          suggestedDepartment { id name }\n          repeat { state }\n          groupCase { id }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketList($where: TicketWhereInput, $orderBy: [TicketOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    tickets(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id\n          code\n          title\n          channel\n          status\n          registeredAt\n          createdAt\n          dueAt\n          colour\n          supervised\n          extensionDays\n          department { id name }\n          category { id name }\n          suggestedDepartment { id name }\n          repeat { state }\n          groupCase { id }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles\n      tenant { code name }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles\n      tenant { code name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickDepartments($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: departments(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }\n    chosen: departments(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query PickDepartments($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: departments(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }\n    chosen: departments(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickCategories($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: categories(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: CODE, direction: ASC }) { edges { node { id name level department { id } } } }\n    chosen: categories(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name level department { id } } } }\n  }\n"): (typeof documents)["\n  query PickCategories($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: categories(first: $first, where: { active: true, nameContains: $q }, orderBy: { field: CODE, direction: ASC }) { edges { node { id name level department { id } } } }\n    chosen: categories(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name level department { id } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickRegions($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: regions(first: $first, where: { levelNEQ: GRID, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }\n    chosen: regions(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query PickRegions($q: String, $ids: [ID!], $withChosen: Boolean!, $first: Int!) {\n    hits: regions(first: $first, where: { levelNEQ: GRID, nameContains: $q }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } }\n    chosen: regions(first: 50, where: { idIn: $ids }) @include(if: $withChosen) { edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DispatchTicket($id: ID!, $input: DispatchInput!) {\n    dispatchTicket(id: $id, input: $input) { id status dueAt colour department { id name } category { id name } coDepartments { id name } }\n  }\n"): (typeof documents)["\n  mutation DispatchTicket($id: ID!, $input: DispatchInput!) {\n    dispatchTicket(id: $id, input: $input) { id status dueAt colour department { id name } category { id name } coDepartments { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReassignTicket($id: ID!, $departmentID: ID!, $reason: String!, $co: [ID!]) {\n    reassignTicket(id: $id, departmentID: $departmentID, reason: $reason, coDepartmentIDs: $co) { id status dueAt department { id name } }\n  }\n"): (typeof documents)["\n  mutation ReassignTicket($id: ID!, $departmentID: ID!, $reason: String!, $co: [ID!]) {\n    reassignTicket(id: $id, departmentID: $departmentID, reason: $reason, coDepartmentIDs: $co) { id status dueAt department { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeTickets($intoID: ID!, $fromIDs: [ID!]!) {\n    mergeTickets(intoID: $intoID, fromIDs: $fromIDs) { id status mergedFrom { id code status } }\n  }\n"): (typeof documents)["\n  mutation MergeTickets($intoID: ID!, $fromIDs: [ID!]!) {\n    mergeTickets(intoID: $intoID, fromIDs: $fromIDs) { id status mergedFrom { id code status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideExtension($id: ID!, $approve: Boolean!, $note: String) {\n    decideExtension(id: $id, approve: $approve, note: $note) { id dueAt colour extensionDays extensionReason }\n  }\n"): (typeof documents)["\n  mutation DecideExtension($id: ID!, $approve: Boolean!, $note: String) {\n    decideExtension(id: $id, approve: $approve, note: $note) { id dueAt colour extensionDays extensionReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptTicket($id: ID!) { acceptTicket(id: $id) { id status } }\n"): (typeof documents)["\n  mutation AcceptTicket($id: ID!) { acceptTicket(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTicket($id: ID!) { startTicket(id: $id) { id status } }\n"): (typeof documents)["\n  mutation StartTicket($id: ID!) { startTicket(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnTicket($id: ID!, $reason: String!) { returnTicket(id: $id, reason: $reason) { id status } }\n"): (typeof documents)["\n  mutation ReturnTicket($id: ID!, $reason: String!) { returnTicket(id: $id, reason: $reason) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestExtension($id: ID!, $days: Int!, $reason: String!) {\n    requestExtension(id: $id, days: $days, reason: $reason) { id extensionDays extensionReason }\n  }\n"): (typeof documents)["\n  mutation RequestExtension($id: ID!, $days: Int!, $reason: String!) {\n    requestExtension(id: $id, days: $days, reason: $reason) { id extensionDays extensionReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplyTicket($id: ID!, $input: ReplyInput!) {\n    replyTicket(id: $id, input: $input) { id status replies { id at missing } }\n  }\n"): (typeof documents)["\n  mutation ReplyTicket($id: ID!, $input: ReplyInput!) {\n    replyTicket(id: $id, input: $input) { id status replies { id at missing } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketsByCode($codes: [String!]) {\n    tickets(first: 20, where: { codeIn: $codes }) { edges { node { id code status title } } }\n  }\n"): (typeof documents)["\n  query TicketsByCode($codes: [String!]) {\n    tickets(first: 20, where: { codeIn: $codes }) { edges { node { id code status title } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($tenant: String!, $username: String!, $password: String!) {\n    login(tenant: $tenant, username: $username, password: $password) {\n      token\n      expiresAt\n      user { id }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($tenant: String!, $username: String!, $password: String!) {\n    login(tenant: $tenant, username: $username, password: $password) {\n      token\n      expiresAt\n      user { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitIntake($input: SubmitIntakeInput!) {\n    submitIntake(input: $input) { id kind status ticket { id } }\n  }\n"): (typeof documents)["\n  mutation SubmitIntake($input: SubmitIntakeInput!) {\n    submitIntake(input: $input) { id kind status ticket { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IntakeJobUpdated($id: ID!) {\n    intakeJobUpdated(id: $id) {\n      id\n      kind\n      status\n      error\n      result { text silent fields { name value confidence verified } }\n    }\n  }\n"): (typeof documents)["\n  subscription IntakeJobUpdated($id: ID!) {\n    intakeJobUpdated(id: $id) {\n      id\n      kind\n      status\n      error\n      result { text silent fields { name value confidence verified } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) { id code status trackingToken trackingURL }\n  }\n"): (typeof documents)["\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) { id code status trackingToken trackingURL }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterDraft($id: ID!, $input: RegisterTicketInput) {\n    registerTicket(id: $id, input: $input) { id code status trackingToken trackingURL timeline { action after } }\n  }\n"): (typeof documents)["\n  mutation RegisterDraft($id: ID!, $input: RegisterTicketInput) {\n    registerTicket(id: $id, input: $input) { id code status trackingToken trackingURL timeline { action after } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Ticket {\n        id\n        code\n        title\n        body\n        channel\n        status\n        place\n        anonymous\n        registeredAt\n        dueAt\n        colour\n        supervised\n        extensionDays\n        extensionReason\n        citizen { id name idNumber phone address }\n        category { id name }\n        department { id name }\n        suggestedDepartment { id name }\n        coDepartments { id name }\n        registeredBy { id displayName }\n        mergedInto { id code }\n        attachments { id fileName contentType size kind createdAt url }\n        intakeJobs { id kind status error result { fields { name value confidence verified } } }\n        replies { id facts basis handling result appealChannel missing at }\n        timeline { id action actorName fromStatus toStatus reason at }\n        knowledgeHits(first: 5) { score snippet article { id title } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Ticket {\n        id\n        code\n        title\n        body\n        channel\n        status\n        place\n        anonymous\n        registeredAt\n        dueAt\n        colour\n        supervised\n        extensionDays\n        extensionReason\n        citizen { id name idNumber phone address }\n        category { id name }\n        department { id name }\n        suggestedDepartment { id name }\n        coDepartments { id name }\n        registeredBy { id displayName }\n        mergedInto { id code }\n        attachments { id fileName contentType size kind createdAt url }\n        intakeJobs { id kind status error result { fields { name value confidence verified } } }\n        replies { id facts basis handling result appealChannel missing at }\n        timeline { id action actorName fromStatus toStatus reason at }\n        knowledgeHits(first: 5) { score snippet article { id title } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TicketUpdated($id: ID!) {\n    ticketUpdated(id: $id) { id status version }\n  }\n"): (typeof documents)["\n  subscription TicketUpdated($id: ID!) {\n    ticketUpdated(id: $id) { id status version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCalendarDays($year: Int!) { calendarDays(year: $year) { date workday note } }\n"): (typeof documents)["\n  query AdminCalendarDays($year: Int!) { calendarDays(year: $year) { date workday note } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminSetCalendarDay($date: Date!, $workday: Boolean!, $note: String) { setCalendarDay(date: $date, workday: $workday, note: $note) { date } }"): (typeof documents)["mutation AdminSetCalendarDay($date: Date!, $workday: Boolean!, $note: String) { setCalendarDay(date: $date, workday: $workday, note: $note) { date } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminClearCalendarDay($date: Date!) { clearCalendarDay(date: $date) }"): (typeof documents)["mutation AdminClearCalendarDay($date: Date!) { clearCalendarDay(date: $date) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCategories {\n    categories(first: 100, where: { level: 1 }) {\n      totalCount\n      edges { node { ...AdminCategory children { ...AdminCategory children { ...AdminCategory } } } }\n    }\n  }\n  fragment AdminCategory on Category { id name code level type deadlineDays keywords active department { id name } }\n"): (typeof documents)["\n  query AdminCategories {\n    categories(first: 100, where: { level: 1 }) {\n      totalCount\n      edges { node { ...AdminCategory children { ...AdminCategory children { ...AdminCategory } } } }\n    }\n  }\n  fragment AdminCategory on Category { id name code level type deadlineDays keywords active department { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminCreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id } }"): (typeof documents)["mutation AdminCreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminUpdateCategory($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id } }"): (typeof documents)["mutation AdminUpdateCategory($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminDepartments($first: Int, $after: Cursor, $orderBy: DepartmentOrder) {\n    departments(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name kind phone active parent { id name } } }\n    }\n  }\n"): (typeof documents)["\n  query AdminDepartments($first: Int, $after: Cursor, $orderBy: DepartmentOrder) {\n    departments(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name kind phone active parent { id name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminCreateDepartment($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }"): (typeof documents)["mutation AdminCreateDepartment($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminUpdateDepartment($id: ID!, $input: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $input) { id } }"): (typeof documents)["mutation AdminUpdateDepartment($id: ID!, $input: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAPIKeys { apiKeys { id name prefix role createdAt lastUsedAt revokedAt } roles }\n"): (typeof documents)["\n  query AdminAPIKeys { apiKeys { id name prefix role createdAt lastUsedAt revokedAt } roles }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminCreateAPIKey($input: CreateAPIKeyInput!) { createAPIKey(input: $input) { key apiKey { id } } }"): (typeof documents)["mutation AdminCreateAPIKey($input: CreateAPIKeyInput!) { createAPIKey(input: $input) { key apiKey { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminRevokeAPIKey($id: ID!) { revokeAPIKey(id: $id) { id revokedAt } }"): (typeof documents)["mutation AdminRevokeAPIKey($id: ID!) { revokeAPIKey(id: $id) { id revokedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminNotificationSettings { notificationSettings { webhookURL webhookSecretSet reminderBeforeHours } }\n"): (typeof documents)["\n  query AdminNotificationSettings { notificationSettings { webhookURL webhookSecretSet reminderBeforeHours } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetNotificationSettings($input: NotificationSettingsInput!) {\n    setNotificationSettings(input: $input) { webhookURL webhookSecretSet reminderBeforeHours }\n  }\n"): (typeof documents)["\n  mutation AdminSetNotificationSettings($input: NotificationSettingsInput!) {\n    setNotificationSettings(input: $input) { webhookURL webhookSecretSet reminderBeforeHours }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminRegions($first: Int, $after: Cursor, $orderBy: RegionOrder, $where: RegionWhereInput) {\n    regions(first: $first, after: $after, orderBy: $orderBy, where: $where) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name level divisionCode gridNumber parent { id name } } }\n    }\n  }\n"): (typeof documents)["\n  query AdminRegions($first: Int, $after: Cursor, $orderBy: RegionOrder, $where: RegionWhereInput) {\n    regions(first: $first, after: $after, orderBy: $orderBy, where: $where) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name level divisionCode gridNumber parent { id name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminCreateRegion($input: CreateRegionInput!) { createRegion(input: $input) { id } }"): (typeof documents)["mutation AdminCreateRegion($input: CreateRegionInput!) { createRegion(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminUpdateRegion($id: ID!, $input: UpdateRegionInput!) { updateRegion(id: $id, input: $input) { id } }"): (typeof documents)["mutation AdminUpdateRegion($id: ID!, $input: UpdateRegionInput!) { updateRegion(id: $id, input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($first: Int, $after: Cursor, $where: UserWhereInput, $orderBy: UserOrder) {\n    users(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id username displayName active roles department { id name } } }\n    }\n    roles\n  }\n"): (typeof documents)["\n  query AdminUsers($first: Int, $after: Cursor, $where: UserWhereInput, $orderBy: UserOrder) {\n    users(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id username displayName active roles department { id name } } }\n    }\n    roles\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateUser($input: NewUserInput!) { createUser(input: $input) { id } }\n"): (typeof documents)["\n  mutation AdminCreateUser($input: NewUserInput!) { createUser(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id active roles } }\n"): (typeof documents)["\n  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id active roles } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminWatchItems($first: Int, $after: Cursor, $kind: WatchItemKind) {\n    watchItems(first: $first, after: $after, kind: $kind) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind words reason level watchesIDNumber watchesPhone createdAt region { name } category { name } } }\n    }\n  }\n"): (typeof documents)["\n  query AdminWatchItems($first: Int, $after: Cursor, $kind: WatchItemKind) {\n    watchItems(first: $first, after: $after, kind: $kind) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind words reason level watchesIDNumber watchesPhone createdAt region { name } category { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminAddWatchItem($input: WatchItemInput!) { addWatchItem(input: $input) { id } }"): (typeof documents)["mutation AdminAddWatchItem($input: WatchItemInput!) { addWatchItem(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminRemoveWatchItem($id: ID!) { removeWatchItem(id: $id) }"): (typeof documents)["mutation AdminRemoveWatchItem($id: ID!) { removeWatchItem(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminWordList { wordList { added stop synonyms { word canonical } builtInStop } }\n"): (typeof documents)["\n  query AdminWordList { wordList { added stop synonyms { word canonical } builtInStop } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetWordList($input: WordListInput!) { setWordList(input: $input) { added stop synonyms { word canonical } } }\n"): (typeof documents)["\n  mutation AdminSetWordList($input: WordListInput!) { setWordList(input: $input) { added stop synonyms { word canonical } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnalystReports($first: Int, $after: Cursor, $orderBy: ReportOrder) {\n    reports(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind status from to scheduled size error createdAt downloadURL } }\n    }\n  }\n"): (typeof documents)["\n  query AnalystReports($first: Int, $after: Cursor, $orderBy: ReportOrder) {\n    reports(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind status from to scheduled size error createdAt downloadURL } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnalystGenerateReport($input: GenerateReportInput!) {\n    generateReport(input: $input) { id status }\n  }\n"): (typeof documents)["\n  mutation AnalystGenerateReport($input: GenerateReportInput!) {\n    generateReport(input: $input) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnalystStatistics($input: StatisticsInput!) {\n    statistics(input: $input) {\n      rows { keys { dimension value label } metrics { ...AnalystMetrics } }\n      total { ...AnalystMetrics }\n    }\n  }\n  fragment AnalystMetrics on StatsMetrics {\n    received dispatched timelyAcceptanceRate closed onTimeRate overdue yellow red returned\n    satisfactionRate solvedRate repeatRate supervised avgHandlingWorkdays\n  }\n"): (typeof documents)["\n  query AnalystStatistics($input: StatisticsInput!) {\n    statistics(input: $input) {\n      rows { keys { dimension value label } metrics { ...AnalystMetrics } }\n      total { ...AnalystMetrics }\n    }\n  }\n  fragment AnalystMetrics on StatsMetrics {\n    received dispatched timelyAcceptanceRate closed onTimeRate overdue yellow red returned\n    satisfactionRate solvedRate repeatRate supervised avgHandlingWorkdays\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatsMetricDefinitions {\n    metricDefinitions { name label definition }\n  }\n"): (typeof documents)["\n  query StatsMetricDefinitions {\n    metricDefinitions { name label definition }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderOverview($period: StatisticsInput!, $trend: StatisticsInput!, $byCategory: StatisticsInput!) {\n    kpi: statistics(input: $period) {\n      total { ...LeaderKpi }\n      previous { ...LeaderKpi }\n      lastYear { ...LeaderKpi }\n    }\n    trend: statistics(input: $trend) {\n      rows { keys { label } metrics { received closed overdue } }\n    }\n    byCategory: statistics(input: $byCategory) {\n      rows { keys { label value } metrics { received closed } }\n    }\n  }\n  fragment LeaderKpi on StatsMetrics {\n    received closed onTimeRate satisfactionRate overdue red yellow supervised\n  }\n"): (typeof documents)["\n  query LeaderOverview($period: StatisticsInput!, $trend: StatisticsInput!, $byCategory: StatisticsInput!) {\n    kpi: statistics(input: $period) {\n      total { ...LeaderKpi }\n      previous { ...LeaderKpi }\n      lastYear { ...LeaderKpi }\n    }\n    trend: statistics(input: $trend) {\n      rows { keys { label } metrics { received closed overdue } }\n    }\n    byCategory: statistics(input: $byCategory) {\n      rows { keys { label value } metrics { received closed } }\n    }\n  }\n  fragment LeaderKpi on StatsMetrics {\n    received closed onTimeRate satisfactionRate overdue red yellow supervised\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderRanking($input: RankingIndexInput!) {\n    rankingIndex(input: $input) {\n      priorCases\n      units { id name rank score sample change dimensions { name label score weight } }\n    }\n  }\n"): (typeof documents)["\n  query LeaderRanking($input: RankingIndexInput!) {\n    rankingIndex(input: $input) {\n      priorCases\n      units { id name rank score sample change dimensions { name label score weight } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderHotTopics($input: HotTopicsInput!) {\n    hotTopics(input: $input) { word tickets previous rise }\n  }\n"): (typeof documents)["\n  query LeaderHotTopics($input: HotTopicsInput!) {\n    hotTopics(input: $input) { word tickets previous rise }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderOverdue($where: TicketWhereInput, $orderBy: [TicketOrder!]) {\n    tickets(first: 20, where: $where, orderBy: $orderBy) {\n      totalCount\n      edges { node { id code title colour dueAt supervised department { name } } }\n    }\n  }\n"): (typeof documents)["\n  query LeaderOverdue($where: TicketWhereInput, $orderBy: [TicketOrder!]) {\n    tickets(first: 20, where: $where, orderBy: $orderBy) {\n      totalCount\n      edges { node { id code title colour dueAt supervised department { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderWarnings {\n    warnings(first: 10, where: { acknowledged: false }) {\n      totalCount\n      edges { node { id kind level reason createdAt tickets { id code } } }\n    }\n  }\n"): (typeof documents)["\n  query LeaderWarnings {\n    warnings(first: 10, where: { acknowledged: false }) {\n      totalCount\n      edges { node { id kind level reason createdAt tickets { id code } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaderAcknowledgeWarning($id: ID!, $note: String) {\n    acknowledgeWarning(id: $id, note: $note) { id acknowledgedAt }\n  }\n"): (typeof documents)["\n  mutation LeaderAcknowledgeWarning($id: ID!, $note: String) {\n    acknowledgeWarning(id: $id, note: $note) { id acknowledgedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaderSupervise($id: ID!, $note: String!) {\n    superviseTicket(id: $id, note: $note) { id supervised }\n  }\n"): (typeof documents)["\n  mutation LeaderSupervise($id: ID!, $note: String!) {\n    superviseTicket(id: $id, note: $note) { id supervised }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaderInstruct($id: ID!, $text: String!) {\n    instructTicket(id: $id, text: $text) { id }\n  }\n"): (typeof documents)["\n  mutation LeaderInstruct($id: ID!, $text: String!) {\n    instructTicket(id: $id, text: $text) { id }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;