import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, Grid, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Notification } from '../../../../common/schemas/todo.schema';
import { useCan } from '../../app/auth';
import { useNotifyError } from '../../lib/feedback';
import { fmtDateTime } from '../../lib/format';
import { useMarkRead, useNotifications } from './todo.api';

function Row({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  const unread = !n.readAt;
  return (
    <button
      type="button"
      onClick={() => onOpen(n)}
      style={{ all: 'unset', display: 'block', width: '100%', boxSizing: 'border-box', cursor: 'pointer', padding: '8px 12px', borderBottom: '1px solid #f1f5f9', background: unread ? '#f0fdfa' : undefined }}
    >
      <Flex gap={8} align="flex-start">
        <span style={{ width: 6, height: 6, borderRadius: 3, marginTop: 8, flex: 'none', background: unread ? '#0f766e' : 'transparent' }} />
        <div style={{ minWidth: 0 }}>
          <div style={{ fontWeight: unread ? 500 : 400, color: '#0f172a', lineHeight: 1.5, overflowWrap: 'anywhere' }}>{n.text}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmtDateTime(n.createdAt)}
          </Typography.Text>
        </div>
      </Flex>
    </button>
  );
}

/** The bell in the header: unread count, the latest notifications, mark read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const notifyError = useNotifyError();
  const canCases = useCan('cases.read');
  const q = useNotifications(canCases);
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  const screens = Grid.useBreakpoint();
  if (!canCases) return null;
  const mobile = screens.sm === false;
  const unread = q.data?.unread ?? 0;
  const list = q.data?.data ?? [];

  const openOne = (n: Notification) => {
    setOpen(false);
    if (!n.readAt) markRead(n.id).catch(notifyError);
    if (n.caseId) nav(`/cases/${n.caseId}`);
  };

  const content = (
    <div style={{ width: mobile ? '100%' : 340 }}>
      <Flex justify="space-between" align="center" style={{ padding: '8px 12px', borderBottom: '1px solid #eef0f2' }}>
        <Typography.Text strong>
          {t('todo.bell.title')}
          {unread > 0 && <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 6, fontSize: 12 }}>{t('todo.bell.unread', { count: unread })}</Typography.Text>}
        </Typography.Text>
        {unread > 0 && (
          <Button size="small" type="link" onClick={() => markRead().catch(notifyError)}>
            {t('todo.bell.markAll')}
          </Button>
        )}
      </Flex>
      <div style={{ maxHeight: 360, overflowY: 'auto' }}>
        {list.length ? list.map((n) => <Row key={n.id} n={n} onOpen={openOne} />) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todo.bell.empty')} style={{ margin: '16px 0' }} />}
      </div>
      <div style={{ padding: '8px 12px', textAlign: 'center' }}>
        <Link to="/todo" onClick={() => setOpen(false)}>
          {t('todo.bell.viewTodo')}
        </Link>
      </div>
    </div>
  );

  const bell = (
    <Button type="text" aria-label={t('todo.bell.label', { count: unread })} style={{ display: 'flex', alignItems: 'center' }} onClick={mobile ? () => setOpen(true) : undefined}>
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );
  // A phone gets the list in a drawer: a popover would not fit beside the bell.
  if (mobile) {
    return (
      <>
        {bell}
        <Drawer open={open} onClose={() => setOpen(false)} placement="right" size="85%" closable={false} styles={{ body: { padding: 0 } }}>
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" styles={{ container: { padding: 0 } }} arrow={false}>
      {bell}
    </Popover>
  );
}
