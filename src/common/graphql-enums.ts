// Registers the domain enums with GraphQL under the contract's names.
import { registerEnumType } from '@nestjs/graphql';
import { DigestFrequency, ExpertiseLevel, InitiativeStatus, RegionScope, Role, Sector } from './enums.js';

registerEnumType(Role, { name: 'Role' });
registerEnumType(Sector, { name: 'Sector' });
registerEnumType(ExpertiseLevel, { name: 'ExpertiseLevel' });
registerEnumType(RegionScope, { name: 'RegionScope' });
registerEnumType(DigestFrequency, { name: 'DigestFrequency' });
registerEnumType(InitiativeStatus, { name: 'InitiativeStatus' });

export { DigestFrequency, ExpertiseLevel, InitiativeStatus, RegionScope, Role, Sector };
