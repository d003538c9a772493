import {
  AlertOutlined, AuditOutlined, ApartmentOutlined, CheckSquareOutlined, DashboardOutlined, FolderOpenOutlined, HomeOutlined, ImportOutlined, LogoutOutlined, KeyOutlined,
  MenuOutlined, SafetyCertificateOutlined, ShopOutlined, SwapOutlined, TeamOutlined, UserOutlined, IdcardOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ROLES } from '../../../common/permissions';
import { codeLabel } from '../lib/i18n';
import { canOpen } from '../lib/routes';
import { NotificationBell } from '../modules/todo/NotificationBell';
import { LanguageSwitch } from './LanguageSwitch';
import { useLogout, useMe } from './auth';

type Item = { key: string; label: string; icon: ReactNode };
type Group = { key: string; label: string; items: Item[] };

/** The menu of SPEC "Information architecture"; a page appears when the role may open it (lib/routes.ts). */
function useMenu(): Group[] {
  const { t } = useTranslation();
  return [
    {
      key: 'workbench',
      label: t('app.menu.workbench'),
      items: [
        { key: '/', label: t('app.menu.home'), icon: <DashboardOutlined /> },
        { key: '/todo', label: t('app.menu.todo'), icon: <CheckSquareOutlined /> },
      ],
    },
    {
      key: 'casework',
      label: t('app.menu.casework'),
      items: [
        { key: '/cases', label: t('app.menu.cases'), icon: <FolderOpenOutlined /> },
        { key: '/referrals', label: t('app.menu.referrals'), icon: <SwapOutlined /> },
        { key: '/resources', label: t('app.menu.resources'), icon: <ShopOutlined /> },
      ],
    },
    {
      key: 'residents',
      label: t('app.menu.residents'),
      items: [
        { key: '/residents', label: t('app.menu.residentList'), icon: <IdcardOutlined /> },
        { key: '/households', label: t('app.menu.households'), icon: <HomeOutlined /> },
        { key: '/residents/import', label: t('app.menu.importExport'), icon: <ImportOutlined /> },
      ],
    },
    {
      key: 'system',
      label: t('app.menu.system'),
      items: [
        { key: '/admin/orgs', label: t('app.menu.orgs'), icon: <ApartmentOutlined /> },
        { key: '/admin/users', label: t('app.menu.users'), icon: <TeamOutlined /> },
        { key: '/admin/risk-levels', label: t('app.menu.riskLevels'), icon: <AlertOutlined /> },
        { key: '/admin/audit', label: t('app.menu.audit'), icon: <AuditOutlined /> },
      ],
    },
  ];
}

function selectedKey(path: string, keys: string[]): string {
  return keys.filter((k) => (k === '/' ? path === '/' : path === k || path.startsWith(`${k}/`))).sort((a, b) => b.length - a.length)[0] ?? '';
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const nav = useNavigate();
  const loc = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.lg;
  const [drawer, setDrawer] = useState(false);
  const groups = useMenu();

  const items: MenuProps['items'] = useMemo(
    () =>
      groups
        // 首页 is the overview; a role without it starts on a page of its own that the menu lists already.
        .map((g) => ({ ...g, items: g.items.filter((i) => canOpen(me.permissions, i.key) && (i.key !== '/' || me.permissions.includes('dashboard.read'))) }))
        .filter((g) => g.items.length)
        .map((g) => ({ type: 'group' as const, key: g.key, label: g.label, children: g.items.map((i) => ({ key: i.key, icon: i.icon, label: <Link to={i.key}>{i.label}</Link> })) })),
    [groups, me.permissions],
  );
  const allKeys = groups.flatMap((g) => g.items.map((i) => i.key));
  const selected = selectedKey(loc.pathname, allKeys);

  const endSession = useLogout();
  const logout = async () => {
    await endSession();
    await nav('/');
  };

  const scope =
    me.communities.length === 0
      ? t('app.header.noScope')
      : me.communities.length <= 2
        ? me.communities.map((c) => c.name).join('、')
        : t('app.header.allScope', { count: me.communities.length });

  const menu = <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={() => setDrawer(false)} style={{ borderInlineEnd: 0 }} />;
  const brand = (
    <Link to="/" className="brand" aria-label={t('app.name')}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span className="brand-name">{t('app.name')}</span>
    </Link>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider width={216} theme="light" className="app-sider">
          {brand}
          {menu}
        </Layout.Sider>
      )}
      {mobile && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={240} styles={{ body: { padding: 0 } }} title={brand}>
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Space>
            {mobile && <Button type="text" icon={<MenuOutlined />} aria-label="menu" onClick={() => setDrawer(true)} />}
            {mobile && brand}
            {!mobile && (me.communities.length > 0 || me.permissions.includes('dashboard.read')) && (
              <Tooltip title={me.communities.map((c) => c.name).join('、')}>
                <Typography.Text type="secondary">
                  {t('app.header.scope')}：{scope}
                </Typography.Text>
              </Tooltip>
            )}
          </Space>
          <Space size={mobile ? 'small' : 'middle'}>
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  { key: 'account', icon: <SafetyCertificateOutlined />, label: t('app.header.account'), onClick: () => nav('/account') },
                  { key: 'password', icon: <KeyOutlined />, label: t('app.header.changePassword'), onClick: () => nav('/password') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('app.header.logout'), onClick: () => void logout() },
                ],
              }}
            >
              <Button type="text" className="user-button">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#0f766e' }} />
                {!mobile && (
                  <span>
                    {me.displayName}
                    <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                      {codeLabel(ROLES, me.role)}
                    </Typography.Text>
                  </span>
                )}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
        <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
