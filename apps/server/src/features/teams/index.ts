/** What other features may use of teams. */
export { type RoutableCase, routeNewCases } from './teams.routing.js';
export {
  joinDefaultTeam,
  leaveAllTeams,
  requireTeam,
  teamContacts,
  teamNames,
  teamQueues,
  teamsOfAgents,
} from './teams.service.js';
