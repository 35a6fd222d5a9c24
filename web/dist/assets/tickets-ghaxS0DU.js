import{t as e}from"./gql-CYD0dkK8.js";var t=e(`
  mutation DispatchTicket($id: ID!, $input: DispatchInput!) {
    dispatchTicket(id: $id, input: $input) { id status dueAt colour department { id name } category { id name } coDepartments { id name } }
  }
`),n=e(`
  mutation ReassignTicket($id: ID!, $departmentID: ID!, $reason: String!, $co: [ID!]) {
    reassignTicket(id: $id, departmentID: $departmentID, reason: $reason, coDepartmentIDs: $co) { id status dueAt department { id name } }
  }
`),r=e(`
  mutation MergeTickets($intoID: ID!, $fromIDs: [ID!]!) {
    mergeTickets(intoID: $intoID, fromIDs: $fromIDs) { id status mergedFrom { id code status } }
  }
`),i=e(`
  mutation DecideExtension($id: ID!, $approve: Boolean!, $note: String) {
    decideExtension(id: $id, approve: $approve, note: $note) { id dueAt colour extensionDays extensionReason }
  }
`),a=e(`
  mutation AcceptTicket($id: ID!) { acceptTicket(id: $id) { id status } }
`),o=e(`
  mutation StartTicket($id: ID!) { startTicket(id: $id) { id status } }
`),s=e(`
  mutation ReturnTicket($id: ID!, $reason: String!) { returnTicket(id: $id, reason: $reason) { id status } }
`),c=e(`
  mutation RequestExtension($id: ID!, $days: Int!, $reason: String!) {
    requestExtension(id: $id, days: $days, reason: $reason) { id extensionDays extensionReason }
  }
`),l=e(`
  mutation ReplyTicket($id: ID!, $input: ReplyInput!) {
    replyTicket(id: $id, input: $input) { id status replies { id at missing } }
  }
`),u=e(`
  query TicketsByCode($codes: [String!]) {
    tickets(first: 20, where: { codeIn: $codes }) { edges { node { id code status title } } }
  }
`);export{c as a,l as c,t as i,s as l,u as n,r as o,i as r,n as s,a as t,o as u};