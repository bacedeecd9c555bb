// The returns feature's door: what other features may use.
export { CustomerReturn } from './customer-return';
export { ReturnPanel } from './return-panel';
