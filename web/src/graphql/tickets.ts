// The ticket operations pages share: the lifecycle mutations. Each answers
// the fields the lists show, so urql's cache updates the rows in place.
// (Departments, categories and regions are picked with RemotePicker.)
import { graphql } from '../gql'

export const DispatchMutation = graphql(`
  mutation DispatchTicket($id: ID!, $input: DispatchInput!) {
    dispatchTicket(id: $id, input: $input) { id status dueAt colour department { id name } category { id name } coDepartments { id name } }
  }
`)

export const ReassignMutation = graphql(`
  mutation ReassignTicket($id: ID!, $departmentID: ID!, $reason: String!, $co: [ID!]) {
    reassignTicket(id: $id, departmentID: $departmentID, reason: $reason, coDepartmentIDs: $co) { id status dueAt department { id name } }
  }
`)

export const MergeMutation = graphql(`
  mutation MergeTickets($intoID: ID!, $fromIDs: [ID!]!) {
    mergeTickets(intoID: $intoID, fromIDs: $fromIDs) { id status mergedFrom { id code status } }
  }
`)

export const DecideExtensionMutation = graphql(`
  mutation DecideExtension($id: ID!, $approve: Boolean!, $note: String) {
    decideExtension(id: $id, approve: $approve, note: $note) { id dueAt colour extensionDays extensionReason }
  }
`)

export const AcceptMutation = graphql(`
  mutation AcceptTicket($id: ID!) { acceptTicket(id: $id) { id status } }
`)

export const StartMutation = graphql(`
  mutation StartTicket($id: ID!) { startTicket(id: $id) { id status } }
`)

export const ReturnMutation = graphql(`
  mutation ReturnTicket($id: ID!, $reason: String!) { returnTicket(id: $id, reason: $reason) { id status } }
`)

export const ExtensionMutation = graphql(`
  mutation RequestExtension($id: ID!, $days: Int!, $reason: String!) {
    requestExtension(id: $id, days: $days, reason: $reason) { id extensionDays extensionReason }
  }
`)

export const ReplyMutation = graphql(`
  mutation ReplyTicket($id: ID!, $input: ReplyInput!) {
    replyTicket(id: $id, input: $input) { id status replies { id at missing } }
  }
`)

export const CodesQuery = graphql(`
  query TicketsByCode($codes: [String!]) {
    tickets(first: 20, where: { codeIn: $codes }) { edges { node { id code status title } } }
  }
`)
