import { Controller, Get, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { type TestApp, startTestApp } from '../testing/test-app';
import { Public, Roles } from './access.decorators';
import { routeAccessTable, routesWithoutAccessRule } from './route-access-audit';

@Controller('audit-sample')
class SampleController {
  @Get('open')
  @Public()
  open() {
    return 'open';
  }

  @Get('forgotten')
  forgotten() {
    return 'nobody decided';
  }
}

@Controller('audit-admin')
@Roles('admin')
class AdminOnlyController {
  @Get()
  list() {
    return [];
  }
}

@Module({ imports: [DiscoveryModule], controllers: [SampleController, AdminOnlyController] })
class SampleModule {}

describe('route access audit', () => {
  it('reports a route that declares neither @Public nor @Roles, and accepts class-level roles', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [SampleModule] }).compile();
    const missing = routesWithoutAccessRule(moduleRef.get(DiscoveryService), moduleRef.get(MetadataScanner), moduleRef.get(Reflector));
    expect(missing).toEqual(['SampleController.forgotten']);
  });

  it('tables every route with its method, path and decision, so the role × route matrix names an undecided one', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [SampleModule] }).compile();
    const table = routeAccessTable(moduleRef.get(DiscoveryService), moduleRef.get(MetadataScanner), moduleRef.get(Reflector));
    expect(table).toEqual([
      { handler: 'SampleController.open', method: 'GET', path: '/audit-sample/open', access: 'public' },
      { handler: 'SampleController.forgotten', method: 'GET', path: '/audit-sample/forgotten', access: null },
      { handler: 'AdminOnlyController.list', method: 'GET', path: '/audit-admin', access: ['admin'] },
    ]);
  });

  describe('on the real server', () => {
    let server: TestApp;
    beforeAll(async () => {
      server = await startTestApp();
    });
    afterAll(() => server.close());

    it('every route says who may call it', () => {
      const { app } = server;
      expect(routesWithoutAccessRule(app.get(DiscoveryService), app.get(MetadataScanner), app.get(Reflector))).toEqual([]);
    });
  });
});
