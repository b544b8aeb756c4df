// Example values for the snapshot that tools/bicep-build.sh writes (infra/bin/ci.snapshot.json): the resources
// this template would deploy, with every expression it can resolve offline resolved. Tests read it. Deployments
// use main.parameters.json (azd) instead.
using './main.bicep'

param environmentName = 'trax-ci'
param location = 'westeurope'
param alertEmail = 'operators@example.com'
param principalId = '11111111-1111-1111-1111-111111111111'
