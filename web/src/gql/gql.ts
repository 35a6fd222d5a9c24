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
    "\n  query Pickers {\n    departments(first: 100, where: { active: true }) { edges { node { id name } } }\n    categories(first: 100, where: { active: true }) { edges { node { id name level deadlineDays department { id } } } }\n  }\n": typeof types.PickersDocument,
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
    "\n  mutation SubmitIntake($input: SubmitIntakeInput!) {\n    submitIntake(input: $input) { id kind status }\n  }\n": typeof types.SubmitIntakeDocument,
    "\n  subscription IntakeJobUpdated($id: ID!) {\n    intakeJobUpdated(id: $id) {\n      id\n      kind\n      status\n      error\n      result { text silent fields { name value confidence verified } }\n    }\n  }\n": typeof types.IntakeJobUpdatedDocument,
    "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) { id code status trackingToken trackingURL }\n  }\n": typeof types.CreateTicketDocument,
    "\n  query TicketPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Ticket {\n        id\n        code\n        title\n        body\n        channel\n        status\n        place\n        anonymous\n        registeredAt\n        dueAt\n        colour\n        supervised\n        extensionDays\n        extensionReason\n        citizen { id name idNumber phone address }\n        category { id name }\n        department { id name }\n        suggestedDepartment { id name }\n        coDepartments { id name }\n        registeredBy { id displayName }\n        mergedInto { id code }\n        attachments { id fileName contentType size kind createdAt }\n        intakeJobs { id kind status error result { fields { name value confidence verified } } }\n        replies { id facts basis handling result appealChannel missing at }\n        timeline { id action actorName fromStatus toStatus reason at }\n        knowledgeHits(first: 5) { score snippet article { id title } }\n      }\n    }\n  }\n": typeof types.TicketPageDocument,
    "\n  subscription TicketUpdated($id: ID!) {\n    ticketUpdated(id: $id) { id status version }\n  }\n": typeof types.TicketUpdatedDocument,
};
const documents: Documents = {
    "\n  query TicketList($where: TicketWhereInput, $orderBy: [TicketOrder!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {\n    tickets(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id\n          code\n          title\n          channel\n          status\n          registeredAt\n          createdAt\n          dueAt\n          colour\n          supervised\n          extensionDays\n          department { id name }\n          category { id name }\n          suggestedDepartment { id name }\n          repeat { state }\n          groupCase { id }\n        }\n      }\n    }\n  }\n": types.TicketListDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles\n      tenant { code name }\n    }\n  }\n": types.MeDocument,
    "\n  query Pickers {\n    departments(first: 100, where: { active: true }) { edges { node { id name } } }\n    categories(first: 100, where: { active: true }) { edges { node { id name level deadlineDays department { id } } } }\n  }\n": types.PickersDocument,
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
    "\n  mutation SubmitIntake($input: SubmitIntakeInput!) {\n    submitIntake(input: $input) { id kind status }\n  }\n": types.SubmitIntakeDocument,
    "\n  subscription IntakeJobUpdated($id: ID!) {\n    intakeJobUpdated(id: $id) {\n      id\n      kind\n      status\n      error\n      result { text silent fields { name value confidence verified } }\n    }\n  }\n": types.IntakeJobUpdatedDocument,
    "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) { id code status trackingToken trackingURL }\n  }\n": types.CreateTicketDocument,
    "\n  query TicketPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Ticket {\n        id\n        code\n        title\n        body\n        channel\n        status\n        place\n        anonymous\n        registeredAt\n        dueAt\n        colour\n        supervised\n        extensionDays\n        extensionReason\n        citizen { id name idNumber phone address }\n        category { id name }\n        department { id name }\n        suggestedDepartment { id name }\n        coDepartments { id name }\n        registeredBy { id displayName }\n        mergedInto { id code }\n        attachments { id fileName contentType size kind createdAt }\n        intakeJobs { id kind status error result { fields { name value confidence verified } } }\n        replies { id facts basis handling result appealChannel missing at }\n        timeline { id action actorName fromStatus toStatus reason at }\n        knowledgeHits(first: 5) { score snippet article { id title } }\n      }\n    }\n  }\n": types.TicketPageDocument,
    "\n  subscription TicketUpdated($id: ID!) {\n    ticketUpdated(id: $id) { id status version }\n  }\n": types.TicketUpdatedDocument,
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
export function graphql(source: "\n  query Pickers {\n    departments(first: 100, where: { active: true }) { edges { node { id name } } }\n    categories(first: 100, where: { active: true }) { edges { node { id name level deadlineDays department { id } } } }\n  }\n"): (typeof documents)["\n  query Pickers {\n    departments(first: 100, where: { active: true }) { edges { node { id name } } }\n    categories(first: 100, where: { active: true }) { edges { node { id name level deadlineDays department { id } } } }\n  }\n"];
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
export function graphql(source: "\n  mutation SubmitIntake($input: SubmitIntakeInput!) {\n    submitIntake(input: $input) { id kind status }\n  }\n"): (typeof documents)["\n  mutation SubmitIntake($input: SubmitIntakeInput!) {\n    submitIntake(input: $input) { id kind status }\n  }\n"];
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
export function graphql(source: "\n  query TicketPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Ticket {\n        id\n        code\n        title\n        body\n        channel\n        status\n        place\n        anonymous\n        registeredAt\n        dueAt\n        colour\n        supervised\n        extensionDays\n        extensionReason\n        citizen { id name idNumber phone address }\n        category { id name }\n        department { id name }\n        suggestedDepartment { id name }\n        coDepartments { id name }\n        registeredBy { id displayName }\n        mergedInto { id code }\n        attachments { id fileName contentType size kind createdAt }\n        intakeJobs { id kind status error result { fields { name value confidence verified } } }\n        replies { id facts basis handling result appealChannel missing at }\n        timeline { id action actorName fromStatus toStatus reason at }\n        knowledgeHits(first: 5) { score snippet article { id title } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Ticket {\n        id\n        code\n        title\n        body\n        channel\n        status\n        place\n        anonymous\n        registeredAt\n        dueAt\n        colour\n        supervised\n        extensionDays\n        extensionReason\n        citizen { id name idNumber phone address }\n        category { id name }\n        department { id name }\n        suggestedDepartment { id name }\n        coDepartments { id name }\n        registeredBy { id displayName }\n        mergedInto { id code }\n        attachments { id fileName contentType size kind createdAt }\n        intakeJobs { id kind status error result { fields { name value confidence verified } } }\n        replies { id facts basis handling result appealChannel missing at }\n        timeline { id action actorName fromStatus toStatus reason at }\n        knowledgeHits(first: 5) { score snippet article { id title } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TicketUpdated($id: ID!) {\n    ticketUpdated(id: $id) { id status version }\n  }\n"): (typeof documents)["\n  subscription TicketUpdated($id: ID!) {\n    ticketUpdated(id: $id) { id status version }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;